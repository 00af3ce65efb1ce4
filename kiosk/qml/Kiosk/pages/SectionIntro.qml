import QtQuick
import Kiosk

// A section's introduction: its picture with credit, title, lead and text.
// Every section shows it until its interactive view replaces it.
Item {
    id: intro

    required property var kiosk
    required property var section

    objectName: "sectionIntro"

    MediaImage {
        id: picture
        objectName: "introPicture"
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.leftMargin: Theme.margin
        anchors.topMargin: Theme.spacing
        width: Math.min(parent.width * 0.46, (parent.height - caption.height - Theme.gutter * 2) / 0.75)
        height: Math.round(width * 0.75)
        source: intro.section.illustration
        alt: intro.section.illustrationAlt
        fit: intro.section.illustrationFit
    }
    Text {
        id: caption
        anchors.left: picture.left
        anchors.right: picture.right
        anchors.top: picture.bottom
        anchors.topMargin: Theme.spacing
        text: intro.section.illustrationCredit
        textFormat: Text.PlainText
        visible: text.length > 0
        color: Theme.textMuted
        wrapMode: Text.WordWrap
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
        font.italic: true
    }

    Flickable {
        id: reading
        objectName: "introText"
        anchors.left: picture.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        contentHeight: column.height + Theme.gutter
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        Column {
            id: column
            width: Math.min(reading.width, Theme.readingWidth)
            spacing: Theme.gutter

            Rectangle {
                width: Math.round(96 * Theme.scale)
                height: Math.round(10 * Theme.scale)
                radius: height / 2
                color: intro.section.colour
            }
            Text {
                objectName: "sectionTitle"
                width: parent.width
                text: intro.section.title
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontHeading
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                text: intro.section.lead
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontLead
                font.weight: Font.Medium
            }
            Text {
                width: parent.width
                text: intro.section.body
                textFormat: Text.PlainText
                visible: text.length > 0
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }
        }
    }
}
