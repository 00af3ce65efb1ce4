import QtQuick
import Kiosk

// The keyboard focus ring, shared by every control: a thick line in the accent colour
// around the control that has the focus, with a dark line inside it so it shows on any
// ground (a photograph, the accent-filled button, the high-contrast palette). Shown only
// while the visitor uses keys (Theme.focusVisible); a touch hides it again.
// Put it inside the control (it surrounds its parent), or beside it with `target` set.
Rectangle {
    id: ring

    property Item target: ring.parent
    // The control's own corner radius, so the ring follows its shape.
    property real targetRadius: 0
    readonly property real outset: Theme.focusRingGap + Theme.focusRingWidth
    readonly property real thickness: Theme.focusRingWidth

    objectName: "focusRing"
    x: ring.target === ring.parent ? -ring.outset : ring.target.x - ring.outset
    y: ring.target === ring.parent ? -ring.outset : ring.target.y - ring.outset
    z: 100
    width: ring.target.width + ring.outset * 2
    height: ring.target.height + ring.outset * 2
    radius: ring.targetRadius > 0 ? ring.targetRadius + ring.outset : 0
    color: "transparent"
    border.width: ring.thickness
    border.color: Theme.accent
    visible: Theme.focusVisible && ring.target.activeFocus

    Accessible.ignored: true

    Rectangle {
        anchors.fill: parent
        anchors.margins: Theme.focusRingWidth
        radius: Math.max(0, ring.radius - Theme.focusRingWidth)
        color: "transparent"
        border.width: Theme.focusRingHalo
        border.color: Theme.accentInk
    }
}
