pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The admin screen's word on the last USB stick (bridge/usb.py): being read, taken in and
// shown when the visitor leaves, shown, refused, or waiting for staff. A bundle that is not
// signed by a trusted key waits here: staff, who came in with the PIN, take it in or refuse it.
Rectangle {
    id: panel

    required property KioskController kiosk
    required property AdminController admin
    readonly property UsbUpdates usb: panel.admin.usb

    function headline(): string {
        const usb = panel.usb;
        const words = panel.kiosk.ui["usb_" + usb.state] ?? "";
        const name = usb.state === "checking" || usb.state === "refused" ? usb.bundleName : usb.title;
        return words.arg(name);
    }

    objectName: "adminUsb"
    visible: panel.usb !== null && panel.usb.state.length > 0
    implicitHeight: column.height + Theme.gutter * 2
    radius: Theme.radius
    color: Theme.surface
    border.width: panel.usb !== null && panel.usb.awaitingStaff ? Theme.borderWidth * 2 : 0
    border.color: Theme.accent

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.gutter
        spacing: Theme.spacing

        Text {
            width: parent.width
            text: panel.kiosk.ui.admin_usb
            textFormat: Text.PlainText
            color: Theme.textMuted
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
        }
        Text {
            objectName: "adminUsbState"
            width: parent.width
            text: panel.usb ? panel.headline() : ""
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            color: panel.usb && (panel.usb.state === "needs_pin" || panel.usb.state === "refused") ? Theme.accent : Theme.text
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontBody
            font.weight: Font.Medium
        }
        Text {
            objectName: "adminUsbDetail"
            width: parent.width
            visible: text.length > 0
            text: panel.usb ? panel.usb.detail : ""
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.textMuted
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
        }
        Flow {
            width: parent.width
            visible: panel.usb !== null && panel.usb.awaitingStaff
            spacing: Theme.spacing

            KioskButton {
                objectName: "adminUsbTake"
                primary: true
                text: panel.kiosk.ui.admin_usb_take
                onClicked: panel.admin.takeUsbBundle()
            }
            KioskButton {
                objectName: "adminUsbRefuse"
                text: panel.kiosk.ui.admin_usb_refuse
                onClicked: panel.admin.refuseUsbBundle()
            }
        }
    }
}
