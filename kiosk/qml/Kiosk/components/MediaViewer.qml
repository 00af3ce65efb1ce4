import QtQuick
import Kiosk

// A picture opened full screen, with what it shows and who made it.
// A touch anywhere closes it; with keys, its Close button has the focus and Escape closes it.
Item {
    id: viewer

    property bool shown: false
    property string source: ""
    property string alt: ""
    property string credit: ""
    property string licence: ""
    property string closeLabel: ""

    // The control that had the focus before it opened: it gets it back on closing.
    property Item returnFocus: null

    signal closed

    Accessible.role: Accessible.Dialog
    Accessible.name: viewer.alt

    onShownChanged: {
        if (viewer.shown) {
            viewer.returnFocus = viewer.Window.activeFocusItem;
            close.forceActiveFocus(Qt.OtherFocusReason);
        } else if (viewer.returnFocus) {
            viewer.returnFocus.forceActiveFocus(Qt.OtherFocusReason);
            viewer.returnFocus = null;
        }
    }

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
        Accessible.ignored: true
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
        Accessible.name: viewer.closeLabel
        // The viewer covers the screen: the focus stays on its one button.
        Keys.onPressed: event => {
            event.accepted = [Qt.Key_Tab, Qt.Key_Backtab, Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down].indexOf(event.key) >= 0;
        }
        onClicked: viewer.closed()
    }
}
