pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The button to the method's "source code": the ingredients a visitor can take home. Its
// symbol is a drawn recipe card (a page with a ticked list), not a programmer's "{ }".
Rectangle {
    id: button

    property string text: ""
    readonly property real iconHeight: Math.round(Theme.fontLabel * 1.3)

    signal clicked

    implicitWidth: icon.width + label.implicitWidth + Theme.gutter * 2 + Theme.spacing
    implicitHeight: Theme.touchTarget
    radius: height / 2
    color: Theme.accent
    scale: tap.pressed ? 0.96 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: button.text
    Accessible.onPressAction: button.clicked()
    activeFocusOnTab: true
    Keys.onReturnPressed: button.clicked()
    Keys.onEnterPressed: button.clicked()
    Keys.onSpacePressed: button.clicked()

    FocusRing {
        targetRadius: button.radius
    }

    // A recipe card: a page with three ticked lines.
    Rectangle {
        id: icon
        objectName: "recipeIcon"
        anchors.left: parent.left
        anchors.leftMargin: Theme.gutter
        anchors.verticalCenter: parent.verticalCenter
        width: Math.round(button.iconHeight * 0.8)
        height: button.iconHeight
        radius: Math.round(Theme.borderWidth * 1.5)
        color: "transparent"
        border.width: Theme.borderWidth
        border.color: Theme.accentInk

        Column {
            anchors.centerIn: parent
            spacing: Math.round(icon.height * 0.12)
            Repeater {
                model: 3
                Row {
                    spacing: Math.round(icon.width * 0.1)
                    Rectangle {
                        width: Theme.borderWidth * 1.5
                        height: width
                        radius: width / 2
                        color: Theme.accentInk
                    }
                    Rectangle {
                        width: Math.round(icon.width * 0.4)
                        height: Theme.borderWidth
                        anchors.verticalCenter: parent.verticalCenter
                        color: Theme.accentInk
                    }
                }
            }
        }
    }
    Text {
        id: label
        anchors.left: icon.right
        anchors.leftMargin: Theme.spacing
        anchors.right: parent.right
        anchors.rightMargin: Theme.gutter
        anchors.verticalCenter: parent.verticalCenter
        text: button.text
        textFormat: Text.PlainText
        color: Theme.accentInk
        wrapMode: Text.Wrap
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
