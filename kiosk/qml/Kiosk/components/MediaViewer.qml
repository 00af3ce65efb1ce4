import QtQuick
import Kiosk

// A picture opened full screen, with what it shows and who made it.
// A touch anywhere closes it.
Item {
    id: viewer

    property bool shown: false
    property string source: ""
    property string alt: ""
    property string credit: ""
    property string licence: ""
    property string closeLabel: ""

    signal closed

    visible: viewer.shown || viewer.opacity > 0
    opacity: viewer.shown ? 1 : 0

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.transitionMs
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }
    TapHandler {
        enabled: viewer.shown
        onTapped: viewer.closed()
    }

    MediaImage {
        id: picture
        objectName: "viewerPicture"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: words.top
        anchors.margins: Theme.margin
        source: viewer.shown ? viewer.source : ""
        alt: viewer.alt
        fit: "contain"
    }

    Column {
        id: words
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin * 2 + close.width
        anchors.bottomMargin: Theme.margin
        spacing: Theme.spacing

        Text {
            width: parent.width
            text: viewer.alt
            textFormat: Text.PlainText
            visible: text.length > 0
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontBody
        }
        Text {
            width: parent.width
            text: [viewer.credit, viewer.licence].filter(part => part.length > 0).join("  ·  ")
            textFormat: Text.PlainText
            visible: text.length > 0
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
            font.italic: true
        }
    }

    KioskButton {
        id: close
        objectName: "viewerClose"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        text: "×  " + viewer.closeLabel
        onClicked: viewer.closed()
    }
}
