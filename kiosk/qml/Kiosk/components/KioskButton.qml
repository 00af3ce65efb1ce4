import QtQuick
import Kiosk

// A large touch button: at least Theme.touchTarget high, acts on release inside its bounds.
// Keys too: it takes the focus in the Tab and arrow order, Enter, Return or Space press it,
// and the focus ring surrounds it while keys are in use.
Rectangle {
    id: button

    property string text: ""
    property bool primary: false
    property color fill: button.primary ? Theme.accent : Theme.surfaceRaised
    property color ink: button.primary ? Theme.accentInk : Theme.text

    readonly property real labelWidth: label.implicitWidth

    signal clicked

    implicitWidth: Math.max(Theme.touchTarget * 1.5, label.implicitWidth + Theme.gutter * 2)
    implicitHeight: Theme.touchTarget
    radius: height / 2
    color: button.fill
    border.width: button.primary ? 0 : Theme.borderWidth
    border.color: Theme.divider
    scale: tap.pressed ? 0.96 : 1.0

    activeFocusOnTab: true
    Accessible.role: Accessible.Button
    Accessible.name: button.text
    Accessible.onPressAction: button.clicked()
    Keys.onReturnPressed: button.clicked()
    Keys.onEnterPressed: button.clicked()
    Keys.onSpacePressed: button.clicked()

    FocusRing {
        targetRadius: button.radius
    }

    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - Theme.gutter)
        text: button.text
        textFormat: Text.PlainText
        color: button.ink
        elide: Text.ElideRight
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontLabel
        font.weight: Font.DemiBold
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: button.clicked()
    }
}
