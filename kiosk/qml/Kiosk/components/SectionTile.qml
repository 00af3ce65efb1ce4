import QtQuick
import Kiosk

// One section on the home screen: its picture, its colour, its title and lead.
Rectangle {
    id: tile

    required property int index
    required property string title
    required property string lead
    required property string illustration
    required property string illustrationAlt
    required property string illustrationFit
    required property string colour

    readonly property real wordsRoom: Theme.gutter * 2 + Theme.spacing + Theme.fontTileTitle * 1.3 * 2 + Theme.fontSmall * Theme.lineHeight * 5

    signal activated(int index)

    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: tap.pressed ? tile.colour : Theme.divider
    scale: tap.pressed ? 0.975 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: tile.title
    Accessible.onPressAction: tile.activated(tile.index)

    MediaImage {
        id: picture
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.borderWidth
        // Every tile keeps room for two lines of title and five of lead, so pictures line up.
        height: Math.max(0, Math.min(Math.round(width * 0.75), tile.height - tile.wordsRoom - band.height))
        source: tile.illustration
        alt: tile.illustrationAlt
        fit: tile.illustrationFit
    }
    Rectangle {
        id: band
        anchors.top: picture.bottom
        anchors.left: picture.left
        anchors.right: picture.right
        height: Math.round(10 * Theme.scale)
        color: tile.colour
    }
    Column {
        id: words
        anchors.top: band.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.gutter
        spacing: Theme.spacing

        Text {
            width: parent.width
            text: tile.title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontTileTitle
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            text: tile.lead
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            maximumLineCount: 5
            elide: Text.ElideRight
            lineHeight: Theme.lineHeight
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
        }
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: tile.activated(tile.index)
    }
}
