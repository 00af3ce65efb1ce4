import QtQuick
import Kiosk
import Kiosk.Bridge

// "Are you still there?": a countdown over the exhibit after a long pause.
// Any touch keeps the visitor where they are; otherwise the kiosk starts over.
// Any key too: while it shows, its button holds the focus and takes every key (the key
// counts as activity, bridge/idle.py), so nothing under it moves; then the focus goes back.
Item {
    id: overlay

    required property KioskController kiosk
    required property IdleController idle

    readonly property bool shown: overlay.idle.phase === "warning"
    // The control that had the focus before it showed: it gets it back once it has gone.
    property Item returnFocus: null

    visible: overlay.shown || overlay.opacity > 0
    opacity: overlay.shown ? 1 : 0

    Accessible.role: Accessible.AlertMessage
    Accessible.name: overlay.kiosk.ui.still_there

    onShownChanged: {
        if (overlay.shown) {
            overlay.returnFocus = overlay.Window.activeFocusItem;
            continueButton.forceActiveFocus(Qt.OtherFocusReason);
        }
    }
    onVisibleChanged: {
        if (!overlay.visible && overlay.returnFocus) {
            overlay.returnFocus.forceActiveFocus(Qt.OtherFocusReason);
            overlay.returnFocus = null;
        }
    }

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.transitionMs
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        Accessible.ignored: true
    }
    // The whole overlay answers a touch, not only the button.
    TapHandler {
        enabled: overlay.shown
        onTapped: overlay.idle.activity()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Math.round(1100 * Theme.scale))
        height: card.height + Theme.margin * 2
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: Theme.divider

        Column {
            id: card
            anchors.centerIn: parent
            width: parent.width - Theme.margin * 2
            spacing: Theme.gutter

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.kiosk.ui.still_there
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontHeading
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.kiosk.ui.restart_in
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontLead
            }
            Text {
                objectName: "countdown"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.idle.secondsLeft
                color: Theme.accent
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontCountdown
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.kiosk.ui.seconds
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }
            KioskButton {
                id: continueButton
                objectName: "continueButton"
                Keys.onPressed: event => {
                    overlay.idle.activity();
                    event.accepted = true;
                }
                anchors.horizontalCenter: parent.horizontalCenter
                primary: true
                text: overlay.kiosk.ui.continue
                onClicked: overlay.idle.activity()
            }
        }
    }
}
