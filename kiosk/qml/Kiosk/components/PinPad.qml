pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The staff PIN pad: big round keys, the PIN shown as dots (never its digits), the reason
// a PIN was refused, and the lockout's countdown after five wrong PINs.
Rectangle {
    id: pad

    required property KioskController kiosk
    required property AdminController admin

    // The digits typed so far: kept here only until OK, then handed to admin.submitPin.
    property string entered: ""
    readonly property bool usable: pad.admin.hasPin && !pad.admin.locked
    readonly property string message: {
        if (!pad.admin.hasPin)
            return pad.kiosk.ui.admin_no_pin;
        if (pad.admin.locked)
            return pad.kiosk.ui.admin_pin_locked.arg(pad.admin.lockRemaining);
        if (pad.admin.pinError === "wrong")
            return pad.kiosk.ui.admin_pin_wrong.arg(pad.admin.triesLeft);
        return pad.kiosk.ui.admin_pin_prompt;
    }

    function type(digit: string): void {
        if (pad.entered.length < 8)
            pad.entered += digit;
    }

    function erase(): void {
        pad.entered = pad.entered.slice(0, -1);
    }

    function submit(): void {
        const pin = pad.entered;
        pad.entered = "";
        pad.admin.submitPin(pin);
    }

    objectName: "pinPad"
    implicitWidth: column.implicitWidth + Theme.margin * 2
    implicitHeight: column.implicitHeight + Theme.gutter * 2
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.divider

    Connections {
        target: pad.admin
        function onStageChanged(): void {
            pad.entered = "";
        }
    }

    Column {
        id: column
        anchors.centerIn: parent
        spacing: Theme.spacing * 1.5

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: pad.kiosk.ui.admin_pin_title
            textFormat: Text.PlainText
            color: Theme.text
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontHeading
            font.weight: Font.Bold
        }
        Text {
            objectName: "pinMessage"
            width: keys.width
            horizontalAlignment: Text.AlignHCenter
            text: pad.message
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            color: pad.admin.pinError.length > 0 || pad.admin.locked || !pad.admin.hasPin ? Theme.accent : Theme.textMuted
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontBody
        }
        // One dot per digit typed; the row keeps its height when empty.
        Item {
            anchors.horizontalCenter: parent.horizontalCenter
            width: keys.width
            height: Theme.pinDot

            Row {
                objectName: "pinDots"
                anchors.centerIn: parent
                spacing: Theme.spacing

                Repeater {
                    model: pad.entered.length

                    Rectangle {
                        width: Theme.pinDot
                        height: Theme.pinDot
                        radius: width / 2
                        color: Theme.text
                    }
                }
            }
        }
        Grid {
            id: keys
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: Theme.gutter
            enabled: pad.usable

            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]

                PinKey {
                    required property string modelData

                    label: modelData
                    onPressed: pad.type(modelData)
                }
            }
            PinKey {
                objectName: "pinErase"
                label: pad.kiosk.ui.admin_erase
                onPressed: pad.erase()
            }
            PinKey {
                label: "0"
                onPressed: pad.type("0")
            }
            PinKey {
                objectName: "pinOk"
                label: pad.kiosk.ui.admin_ok
                strong: true
                enabled: pad.entered.length >= 4
                onPressed: pad.submit()
            }
        }
        KioskButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            text: pad.kiosk.ui.admin_cancel
            onClicked: pad.admin.close()
        }
    }
}
