pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One event on the track: a dot on the axis at its exact date, a stem, and a card in its lane.
Item {
    id: marker

    required property int eventIndex
    required property string eventId
    required property real position
    required property real endPosition
    required property int lane
    required property string dateLabel
    required property string title
    required property string colour
    required property string thumbnail
    required property bool isRange

    property real axisWidth: 0
    property real axisY: 0
    property real laneHeight: 0
    property real cardWidth: 0
    property real cardHeight: 0
    property bool selected: false
    // While the track flies by, thumbnails wait: decoding them would only cost frames.
    property bool trackMoving: false
    property bool thumbnailWanted: false

    signal activated(string eventId)

    width: marker.cardWidth
    height: marker.axisY

    // A period: a bar along the axis from its start to its end.
    Rectangle {
        visible: marker.isRange
        x: 0
        y: marker.axisY - height / 2
        width: Math.max(height, (marker.endPosition - marker.position) * marker.axisWidth)
        height: Math.round(8 * Theme.scale)
        radius: height / 2
        color: marker.colour
        opacity: 0.7
    }
    Rectangle {
        id: stem
        visible: marker.lane >= 0
        x: 0
        y: card.y + card.height
        width: Math.max(2, Math.round(2 * Theme.scale))
        height: marker.axisY - y
        color: marker.colour
        opacity: 0.6
    }
    Rectangle {
        x: -width / 2
        y: marker.axisY - height / 2
        width: Math.round(20 * Theme.scale)
        height: width
        radius: width / 2
        color: marker.colour
        border.width: Theme.borderWidth
        border.color: Theme.background
    }

    // No room in any lane at this zoom: only the dot shows; pinch to see the card.
    Rectangle {
        id: card
        objectName: "eventCard-" + marker.eventId
        visible: marker.lane >= 0
        y: Math.max(0, marker.lane) * marker.laneHeight
        width: marker.cardWidth
        height: marker.cardHeight
        radius: Theme.radius / 2
        color: marker.selected ? Theme.surfaceRaised : Theme.surface
        border.width: Theme.borderWidth
        border.color: tap.pressed || marker.selected ? marker.colour : Theme.divider
        scale: tap.pressed ? 0.97 : 1.0

        Accessible.role: Accessible.Button
        Accessible.name: marker.dateLabel + ", " + marker.title
        Accessible.onPressAction: marker.activated(marker.eventId)

        Rectangle {
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            anchors.margins: Theme.borderWidth
            width: Math.round(8 * Theme.scale)
            radius: width / 2
            color: marker.colour
        }
        Loader {
            id: thumb
            active: marker.thumbnail.length > 0 && (marker.thumbnailWanted || !marker.trackMoving)
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            anchors.margins: Theme.spacing
            width: marker.thumbnail.length > 0 ? height : 0
            onLoaded: marker.thumbnailWanted = true
            sourceComponent: MediaImage {
                source: marker.thumbnail
            }
        }
        Column {
            anchors.left: parent.left
            anchors.right: thumb.left
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: Theme.gutter
            anchors.rightMargin: Theme.spacing
            spacing: Math.round(4 * Theme.scale)

            Text {
                width: parent.width
                text: marker.dateLabel
                textFormat: Text.PlainText
                color: marker.colour
                elide: Text.ElideRight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                text: marker.title
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.Medium
            }
        }
        // The default policy (a tap ends if the finger travels): the track can still be
        // dragged or pinched from a card.
        TapHandler {
            id: tap
            onTapped: marker.activated(marker.eventId)
        }
    }
}
