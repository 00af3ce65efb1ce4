import QtQuick
import Kiosk

// A key of the PIN pad: a round button, at least Theme.touchTarget wide, acting on release.
Rectangle {
    id: key

    property string label: ""
    property bool strong: false

    signal pressed

    width: Theme.pinKey
    height: Theme.pinKey
    radius: width / 2
    color: key.strong ? Theme.accent : Theme.surfaceRaised
    border.width: key.strong ? 0 : Theme.borderWidth
    border.color: Theme.divider
    opacity: key.enabled ? 1 : 0.4
    scale: keyTap.pressed ? 0.94 : 1.0
    objectName: "pinKey-" + key.label

    Accessible.role: Accessible.Button
    Accessible.name: key.label

    Text {
        anchors.centerIn: parent
        width: parent.width - Theme.spacing
        horizontalAlignment: Text.AlignHCenter
        text: key.label
        textFormat: Text.PlainText
        color: key.strong ? Theme.accentInk : Theme.text
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Theme.fontSmall
        font.family: Theme.sansFamily
        font.pixelSize: key.label.length > 1 ? Theme.fontLabel : Theme.fontHeading
        font.weight: Font.DemiBold
    }
    TapHandler {
        id: keyTap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: key.pressed()
    }
}
