pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// Shown before the exhibit opens while new photos are scaled to the screen's sizes
// (kiosk.content.imagecache), so a kiosk at work never looks stuck. Nothing to touch.
Window {
    id: root

    required property PicturePreparation preparation

    readonly property real fraction: root.preparation.total > 0
        ? Math.min(1, root.preparation.progress / root.preparation.total) : 0

    objectName: "preparingWindow"
    visible: false
    color: Theme.background
    title: root.preparation.words.preparing_title

    Binding {
        target: Theme
        property: "scale"
        value: Math.max(0.4, Math.min(root.width, root.height) / 1080)
    }

    Column {
        anchors.centerIn: parent
        width: Math.min(root.width - Theme.margin * 2, Theme.readingWidth)
        spacing: Theme.gutter

        Text {
            objectName: "preparingTitle"
            width: parent.width
            text: root.preparation.words.preparing_title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontHeading
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            text: root.preparation.words.preparing_body
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineHeight
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontBody
        }
        Rectangle {
            id: track
            objectName: "preparingTrack"
            width: parent.width
            height: Theme.spacing
            radius: height / 2
            color: Theme.surfaceRaised

            Rectangle {
                objectName: "preparingBar"
                width: Math.round(track.width * root.fraction)
                height: parent.height
                radius: parent.radius
                color: Theme.accent
            }
        }
        Text {
            objectName: "preparingCount"
            width: parent.width
            text: root.preparation.words.preparing_count
                .arg(root.preparation.progress).arg(root.preparation.total)
            textFormat: Text.PlainText
            color: Theme.text
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLead
            font.features: { "tnum": 1 }
        }
    }
}
