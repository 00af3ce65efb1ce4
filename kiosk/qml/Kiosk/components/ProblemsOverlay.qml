pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// `kiosk preview`: the content folder has just become invalid. The screen behind keeps the
// last valid state; this panel lists what to fix, with the words of `kiosk validate`
// (file:line:column: error: message). It goes away by itself once the folder is fixed.
Rectangle {
    id: overlay

    required property KioskController kiosk
    required property var problems

    readonly property bool shown: overlay.problems.length > 0

    visible: overlay.shown || overlay.opacity > 0
    opacity: overlay.shown ? 1 : 0
    height: Math.min(heading.implicitHeight + advice.implicitHeight + list.contentHeight + Theme.spacing * 2 + Theme.gutter * 2, overlay.parent.height * Theme.problemsShare)
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.accent

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.transitionMs
        }
    }

    Column {
        anchors.fill: parent
        anchors.margins: Theme.gutter
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing

        Text {
            id: heading
            width: parent.width
            text: overlay.kiosk.ui.preview_invalid_title
            textFormat: Text.PlainText
            color: Theme.accent
            wrapMode: Text.WordWrap
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontLead
            font.weight: Font.Bold
        }
        Text {
            id: advice
            width: parent.width
            text: overlay.kiosk.ui.preview_invalid_body
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontBody
        }
        ListView {
            id: list
            objectName: "overlayProblemList"
            width: parent.width
            height: Math.max(0, overlay.height - Theme.gutter * 2 - heading.height - advice.height - Theme.spacing * 2)
            clip: true
            interactive: list.contentHeight > list.height
            ScrollIndicator.vertical: ScrollIndicator {
                active: list.interactive
            }
            spacing: Theme.spacing / 2
            model: overlay.problems
            delegate: Text {
                required property string modelData
                objectName: "overlayProblem"
                width: ListView.view.width
                text: modelData
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.Wrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
        }
    }
}
