pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The accessibility modes, one large toggle each; a choice applies at once, everywhere.
Rectangle {
    id: panel

    required property KioskController kiosk
    required property AccessibilityController accessibility

    implicitWidth: Theme.readingWidth
    implicitHeight: column.implicitHeight + Theme.gutter * 2
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.divider

    Accessible.role: Accessible.Dialog
    Accessible.name: panel.kiosk.ui.accessibility ?? ""

    // Touches stay on the panel.
    TapHandler {
        gesturePolicy: TapHandler.ReleaseWithinBounds
    }

    Column {
        id: column
        x: Theme.gutter
        y: Theme.gutter
        width: panel.width - Theme.gutter * 2
        spacing: Theme.spacing

        Repeater {
            id: toggles
            model: [
                { "name": "largerText", "label": panel.kiosk.ui.larger_text, "on": panel.accessibility.largerText },
                { "name": "highContrast", "label": panel.kiosk.ui.high_contrast, "on": panel.accessibility.highContrast },
                { "name": "reach", "label": panel.kiosk.ui.reach_mode, "on": panel.accessibility.reach },
                { "name": "lessMotion", "label": panel.kiosk.ui.less_motion, "on": panel.accessibility.lessMotion }
            ]

            Rectangle {
                id: toggle
                required property var modelData
                required property int index

                objectName: "toggle-" + toggle.modelData.name
                width: column.width
                height: Math.max(Theme.touchTarget, label.implicitHeight + Theme.spacing * 2)
                radius: Theme.radius
                color: toggleTap.pressed ? Theme.surfaceRaised : "transparent"

                Accessible.role: Accessible.CheckBox
                Accessible.name: toggle.modelData.label
                Accessible.checkable: true
                Accessible.checked: toggle.modelData.on
                Accessible.onPressAction: panel.toggle(toggle.modelData.name)
                activeFocusOnTab: true
                Keys.onReturnPressed: panel.toggle(toggle.modelData.name)
                Keys.onEnterPressed: panel.toggle(toggle.modelData.name)
                Keys.onSpacePressed: panel.toggle(toggle.modelData.name)
                // Tab stays among the switches while the panel is open (the arrows too: Main.qml).
                Keys.onTabPressed: panel.focusSwitch(toggle.index + 1)
                Keys.onBacktabPressed: panel.focusSwitch(toggle.index - 1)

                FocusRing {
                    targetRadius: toggle.radius
                }

                Text {
                    id: label
                    Accessible.ignored: true  // the switch's name says it
                    anchors.left: parent.left
                    anchors.right: knob.left
                    anchors.leftMargin: Theme.spacing
                    anchors.rightMargin: Theme.gutter
                    anchors.verticalCenter: parent.verticalCenter
                    text: toggle.modelData.label
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLabel
                    font.weight: Font.DemiBold
                }
                // A switch: its place and its fill say on or off, not its colour alone.
                Rectangle {
                    id: knob
                    Accessible.ignored: true
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.spacing
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.round(Theme.touchTarget * 1.1)
                    height: Math.round(Theme.touchTarget * 0.55)
                    radius: height / 2
                    color: toggle.modelData.on ? Theme.accent : "transparent"
                    border.width: Theme.borderWidth
                    border.color: toggle.modelData.on ? Theme.accent : Theme.textMuted
                    Rectangle {
                        width: parent.height - Theme.borderWidth * 4
                        height: width
                        radius: width / 2
                        anchors.verticalCenter: parent.verticalCenter
                        x: toggle.modelData.on ? parent.width - width - Theme.borderWidth * 2 : Theme.borderWidth * 2
                        color: toggle.modelData.on ? Theme.accentInk : Theme.textMuted
                    }
                }
                TapHandler {
                    id: toggleTap
                    gesturePolicy: TapHandler.ReleaseWithinBounds
                    onTapped: panel.toggle(toggle.modelData.name)
                }
            }
        }
    }

    // Opened: the focus on the first switch, so a keypad goes on from there.
    function takeFocus(): void {
        panel.focusSwitch(0);
    }

    function focusSwitch(index: int): void {
        const item = toggles.itemAt((index + toggles.count) % toggles.count);
        if (item)
            item.forceActiveFocus(Qt.TabFocusReason);
    }

    function toggle(name: string): void {
        if (name === "largerText")
            panel.accessibility.toggleLargerText();
        else if (name === "highContrast")
            panel.accessibility.toggleHighContrast();
        else if (name === "reach")
            panel.accessibility.toggleReach();
        else
            panel.accessibility.toggleLessMotion();
    }
}
