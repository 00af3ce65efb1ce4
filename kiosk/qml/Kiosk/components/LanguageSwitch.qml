pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The language choice, by name (Français, English, Nederlands), never by flag.
Row {
    id: languageSwitch

    required property KioskController kiosk

    spacing: Theme.spacing

    Repeater {
        model: languageSwitch.kiosk.languages

        KioskButton {
            required property var modelData

            objectName: "language-" + modelData.code
            text: modelData.name
            primary: languageSwitch.kiosk.language === modelData.code
            implicitWidth: Math.max(Theme.touchTarget * 2, labelWidth + Theme.gutter * 2)
            onClicked: {
                languageSwitch.kiosk.setLanguage(modelData.code);
                languageSwitch.kiosk.wake();
            }
        }
    }
}
