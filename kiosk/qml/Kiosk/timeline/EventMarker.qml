pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One event on the axis: a dot at its exact date, a bar to its end for a period, and a stem
// up to its card when it has one (EventTile). The dot is the root: the fewer items, the
// cheaper the hundreds of dots are to make while the track flies.
Rectangle {
    id: marker

    required property int eventIndex
    required property string eventId
    required property real position
    required property real endPosition
    required property int lane
    required property string colour
    required property bool isRange

    property real axisWidth: 0
    property real axisY: 0
    property real laneHeight: 0
    property real cardHeight: 0
    // Where the card's lower edge is, from the top of the track (no card: the axis).
    readonly property real cardBottom: marker.lane >= 0 ? marker.lane * marker.laneHeight + marker.cardHeight : marker.axisY

    y: marker.axisY - marker.height / 2
    width: Math.round(20 * Theme.scale)
    height: marker.width
    radius: marker.width / 2
    color: marker.colour
    border.width: Theme.borderWidth
    border.color: Theme.background

    // A period: a bar along the axis from its start to its end, behind the dot.
    Rectangle {
        visible: marker.isRange
        z: -1
        x: marker.width / 2
        y: (marker.height - height) / 2
        width: Math.max(height, (marker.endPosition - marker.position) * marker.axisWidth)
        height: Math.round(8 * Theme.scale)
        radius: height / 2
        color: Qt.tint(Theme.background, Qt.alpha(marker.colour, 0.7))
    }
    // The stem, from the card's left edge down to the dot. Its colour is mixed with the
    // background here rather than drawn see-through: a see-through stem costs the software
    // renderer twice as much, every frame, and dozens are in view.
    Rectangle {
        visible: marker.lane >= 0
        z: -1
        x: marker.width / 2
        y: marker.cardBottom - marker.y
        width: Math.max(2, Math.round(2 * Theme.scale))
        height: Math.max(0, marker.height / 2 - y)
        color: Qt.tint(Theme.background, Qt.alpha(marker.colour, 0.6))
    }
}
