pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// Shown when the content folder cannot be displayed: a calm word for visitors, and for
// staff the same problems `kiosk validate` lists (file:line:column: message).
Rectangle {
    id: page

    required property KioskController kiosk

    objectName: "errorPage"
    color: Theme.background

    Column {
        anchors.fill: parent
        anchors.margins: Theme.margin
        anchors.topMargin: Theme.topBarHeight + Theme.margin
        spacing: Theme.gutter

        Text {
            width: parent.width
            text: page.kiosk.ui.unavailable_title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontHeading
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            text: page.kiosk.ui.unavailable_body
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLead
        }
        Rectangle {
            width: parent.width
            height: 1
            color: Theme.divider
        }
        Text {
            width: parent.width
            text: page.kiosk.ui.problems_for_staff
            textFormat: Text.PlainText
            color: Theme.accent
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
            font.weight: Font.DemiBold
        }
        ListView {
            objectName: "problemList"
            width: parent.width
            height: parent.height - y
            clip: true
            spacing: Theme.spacing / 2
            model: page.kiosk.problems
            delegate: Text {
                required property string modelData
                width: ListView.view.width
                text: modelData
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
        }
    }
}
