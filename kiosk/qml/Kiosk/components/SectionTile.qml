import QtQuick
import Kiosk

// One section on the home screen: its picture, its colour, its title and lead.
// Upright (picture above the words) side by side on a wide screen; lying (picture beside
// the words) one under the other on a tall one. The home page gives every tile the same
// room for titles and leads, so titles share a baseline and leads start on one line.
Rectangle {
    id: tile

    required property int index
    required property string title
    required property string lead
    required property string illustration
    required property string illustrationAlt
    required property string illustrationFit
    required property var illustrationFocus
    required property string colour

    // Picture beside the words (a tall screen's list) rather than above them.
    property bool lying: false
    // The words alone under the section's colour, without the picture (larger text: the
    // home page gives the words all the tile's width, and the tile the height they need).
    property bool plain: false
    // The room every tile keeps for its title and for its lead (the tallest of all tiles).
    property real titleRoom: tile.titleNeeded
    property real leadRoom: tile.leadNeeded
    // What this tile's own texts need, at its width: the home page takes the largest.
    // Measured on copies that are never drawn nor sized, so the room given to the texts
    // shown never feeds back into what they are found to need.
    readonly property real titleNeeded: titleMeasure.implicitHeight
    readonly property real leadNeeded: leadMeasure.implicitHeight
    readonly property real wordsHeight: tile.titleRoom + Theme.spacing + tile.leadRoom
    // The band of the section's colour between picture and words.
    readonly property real bandThickness: Math.round(10 * Theme.scale)
    // The height a plain tile needs for its band and words.
    readonly property real plainHeight: Theme.borderWidth + tile.bandThickness + Theme.gutter * 2 + tile.wordsHeight

    signal activated(int index)

    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: tap.pressed ? tile.colour : Theme.divider
    scale: tap.pressed ? 0.975 : 1.0

    activeFocusOnTab: true
    Accessible.role: Accessible.Button
    Accessible.name: tile.title
    Accessible.description: tile.lead
    Accessible.onPressAction: tile.activated(tile.index)
    Keys.onReturnPressed: tile.activated(tile.index)
    Keys.onEnterPressed: tile.activated(tile.index)
    Keys.onSpacePressed: tile.activated(tile.index)

    MediaImage {
        id: picture
        objectName: "tilePicture"
        visible: !tile.plain
        x: Theme.borderWidth
        y: Theme.borderWidth
        // Upright: the picture takes what the words leave, at most 4:3.
        // Lying: the picture is the tile's height, at most 4:3 and 40 % of its width.
        width: tile.lying
            ? Math.round(Math.min((tile.height - Theme.borderWidth * 2) * 4 / 3, tile.width * 0.4))
            : tile.width - Theme.borderWidth * 2
        height: tile.plain ? 0 : tile.lying
            ? tile.height - Theme.borderWidth * 2
            : Math.max(0, Math.min(Math.round(picture.width * 0.75), tile.height - Theme.borderWidth - tile.bandThickness - tile.wordsHeight - Theme.gutter * 2))
        source: tile.illustration
        alt: tile.illustrationAlt
        fit: tile.illustrationFit
        focusX: tile.illustrationFocus[0] ?? 0.5
        focusY: tile.illustrationFocus[1] ?? 0.5
    }
    // The section's colour, between picture and words.
    Rectangle {
        id: band
        Accessible.ignored: true
        x: tile.lying ? picture.x + picture.width : picture.x
        y: tile.lying ? picture.y : picture.y + picture.height
        width: tile.lying ? tile.bandThickness : picture.width
        height: tile.lying ? picture.height : tile.bandThickness
        color: tile.colour
    }
    Column {
        id: words
        x: tile.lying ? band.x + band.width + Theme.gutter : Theme.gutter
        y: tile.lying ? Math.max(Theme.gutter, Math.round((tile.height - tile.wordsHeight) / 2)) : band.y + band.height + Theme.gutter
        width: tile.lying ? tile.width - words.x - Theme.gutter : tile.width - Theme.gutter * 2
        spacing: Theme.spacing

        Text {
            id: titleText
            objectName: "tileTitle"
            Accessible.ignored: true  // the tile's name
            width: parent.width
            height: tile.titleRoom
            text: tile.title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontTileTitle
            font.weight: Font.Bold
        }
        Text {
            id: leadText
            objectName: "tileLead"
            Accessible.ignored: true  // the tile's description
            width: parent.width
            height: tile.leadRoom
            text: tile.lead
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineHeight
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
        }
    }

    Text {
        id: titleMeasure
        visible: false
        Accessible.ignored: true
        width: Math.max(Theme.touchTarget, words.width)
        text: titleText.text
        textFormat: Text.PlainText
        wrapMode: Text.WordWrap
        font: titleText.font
    }
    Text {
        id: leadMeasure
        visible: false
        Accessible.ignored: true
        width: Math.max(Theme.touchTarget, words.width)
        text: leadText.text
        textFormat: Text.PlainText
        wrapMode: Text.WordWrap
        lineHeight: Theme.lineHeight
        font: leadText.font
    }

    FocusRing {
        targetRadius: tile.radius
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: tile.activated(tile.index)
    }
}
