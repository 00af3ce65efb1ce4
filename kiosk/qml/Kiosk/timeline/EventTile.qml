pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// An event's card in its lane above the axis: date, title and thumbnail; a tap opens it.
// Only events given a lane have one (the others are a dot until the visitor zooms in).
Rectangle {
    id: card

    required property int eventIndex
    required property string eventId
    required property real position
    required property int lane
    required property string dateLabel
    required property string title
    required property string colour
    required property string thumbnail

    property real laneHeight: 0
    property bool selected: false
    // The stretch of the track (content x) where it last came to rest. A card there shows
    // its thumbnail; while the track flies by, thumbnails wait: decoding them would only
    // cost frames.
    property real restLeft: 0
    property real restRight: 0
    property bool thumbnailWanted: false

    signal activated(string eventId)

    objectName: "eventCard-" + card.eventId
    y: card.lane * card.laneHeight
    radius: Theme.radius / 2
    color: card.selected ? Theme.surfaceRaised : Theme.surface
    border.width: Theme.borderWidth
    border.color: tap.pressed || card.selected ? card.colour : Theme.divider
    scale: tap.pressed ? 0.97 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: card.dateLabel + ", " + card.title
    Accessible.onPressAction: card.activated(card.eventId)

    // Once wanted, a thumbnail stays for as long as the card lives.
    Binding {
        card.thumbnailWanted: true
        when: card.thumbnail.length > 0 && card.x < card.restRight && card.x + card.width > card.restLeft
        restoreMode: Binding.RestoreNone
    }

    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.margins: Theme.borderWidth
        width: Math.round(8 * Theme.scale)
        radius: width / 2
        color: card.colour
    }
    Loader {
        id: thumb
        active: card.thumbnailWanted
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacing
        width: card.thumbnail.length > 0 ? height : 0
        sourceComponent: MediaImage {
            source: card.thumbnail
        }
    }
    // Anchors, not a Column: a positioner lays out at polish time, and the software
    // renderer then draws one more frame each time cards are made.
    Text {
        id: date
        anchors.left: parent.left
        anchors.right: thumb.left
        anchors.leftMargin: Theme.gutter
        anchors.rightMargin: Theme.spacing
        // Date and title together, centred in the card.
        y: Math.round((card.height - date.height - title.anchors.topMargin - title.height) / 2)
        text: card.dateLabel
        textFormat: Text.PlainText
        color: card.colour
        elide: Text.ElideRight
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
        font.weight: Font.Bold
    }
    Text {
        id: title
        anchors.left: date.left
        anchors.right: date.right
        anchors.top: date.bottom
        anchors.topMargin: Math.round(4 * Theme.scale)
        text: card.title
        textFormat: Text.PlainText
        color: Theme.text
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
        font.weight: Font.Medium
    }
    // The default policy (a tap ends if the finger travels): the track can still be
    // dragged or pinched from a card.
    TapHandler {
        id: tap
        onTapped: card.activated(card.eventId)
    }
}
