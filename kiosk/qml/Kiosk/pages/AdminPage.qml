pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The staff screen, over everything: first the PIN pad, then what the kiosk runs (version,
// content, fingerprint, uptime, today's opening hours and whether it is open now, the last USB
// stick (AdminUsb), the latest warnings) and what staff can do (reload the content, see the visitor figures and export
// them (AdminStats), test the touch screen, stay open one
// more hour when opening hours are set, restart, quit to the desktop). Restart and quit ask for
// a second touch. No visitor touch reaches the exhibit underneath while it is shown.
Item {
    id: page

    required property KioskController kiosk
    required property AdminController admin
    // What is shown and why new content waits or was refused (bridge/reload.py ContentHost).
    required property ContentHost host

    property bool testing: false
    property string confirming: ""
    property bool reloadAsked: false
    readonly property bool portrait: page.width < page.height
    // Today's hours and open or closed now, in the kiosk's language (bridge/opening.py).
    readonly property var hours: page.admin.opening
        ? (page.admin.opening.adminWords[page.kiosk.language] ?? ({})) : ({})

    function confirmThen(action: string): void {
        if (page.confirming === action) {
            page.confirming = "";
            if (action === "restart")
                page.admin.restart();
            else
                page.admin.quitToDesktop();
            return;
        }
        page.confirming = action;
        confirmTimer.restart();
    }

    visible: page.admin.stage !== "closed"

    Connections {
        target: page.admin
        function onStageChanged(): void {
            page.testing = false;
            page.confirming = "";
            page.reloadAsked = false;
        }
    }
    Timer {
        id: confirmTimer
        interval: Theme.confirmMs
        onTriggered: page.confirming = ""
    }

    Rectangle {
        anchors.fill: parent
        color: page.admin.stage === "admin" ? Theme.background : Theme.scrim
    }
    // Holds every touch that no control takes, so nothing underneath reacts.
    TapHandler {
        gesturePolicy: TapHandler.WithinBounds
    }

    // Built when shown, dropped when closed: the exhibit does not carry them while visitors use it.
    Loader {
        anchors.centerIn: parent
        active: page.admin.stage === "pin"
        sourceComponent: PinPad {
            kiosk: page.kiosk
            admin: page.admin
        }
    }

    Loader {
        anchors.fill: parent
        anchors.margins: Theme.margin
        active: page.admin.stage === "admin"
        sourceComponent: screen
    }

    Component {
        id: screen

        Item {
            objectName: "adminScreen"

            Text {
                id: title
                anchors.left: parent.left
                anchors.verticalCenter: closeButton.verticalCenter
                text: page.kiosk.ui.admin_title
                textFormat: Text.PlainText
                color: Theme.text
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontHeading
                font.weight: Font.Bold
            }
            KioskButton {
                id: closeButton
                objectName: "adminClose"
                anchors.top: parent.top
                anchors.right: parent.right
                text: page.kiosk.ui.close
                onClicked: page.admin.close()
            }

            // The facts scroll when they need more room than the actions leave them
            // (larger text on a wide screen).
            Flickable {
                id: factsView
                anchors.top: closeButton.bottom
                anchors.topMargin: Theme.gutter
                anchors.left: parent.left
                width: page.portrait ? parent.width : Math.round(parent.width * 0.46)
                height: page.portrait ? facts.height : Math.min(facts.height, actions.y - Theme.gutter - factsView.y)
                contentWidth: width
                contentHeight: facts.height
                interactive: contentHeight > height + 1
                clip: interactive
                boundsBehavior: Flickable.StopAtBounds

                Column {
                    id: facts
                    width: factsView.width
                    spacing: Theme.spacing

                    Repeater {
                        model: [
                            { "label": page.kiosk.ui.admin_version, "value": page.admin.version },
                            { "label": page.kiosk.ui.admin_content, "value": page.admin.contentName },
                            { "label": page.kiosk.ui.admin_folder, "value": page.admin.contentFolder },
                            { "label": page.kiosk.ui.admin_fingerprint,
                              "value": page.admin.contentHash.length > 0
                                  ? page.admin.contentHash.replace(/(.{8})(?=.)/g, "$1 ") : page.kiosk.ui.admin_computing },
                            { "label": page.kiosk.ui.admin_uptime, "value": page.admin.uptime },
                            { "label": page.kiosk.ui.admin_hours_today, "value": page.hours.today ?? "" },
                            { "label": page.kiosk.ui.admin_now, "value": page.hours.now ?? "" }
                        ]

                        Column {
                            id: fact
                            required property var modelData
                            required property int index

                            width: facts.width
                            objectName: "adminFact-" + fact.index

                            Text {
                                width: parent.width
                                text: fact.modelData.label
                                textFormat: Text.PlainText
                                color: Theme.textMuted
                                font.family: Theme.sansFamily
                                font.pixelSize: Theme.fontSmall
                            }
                            Text {
                                width: parent.width
                                text: fact.modelData.value
                                textFormat: Text.PlainText
                                color: Theme.text
                                wrapMode: Text.Wrap
                                font.family: Theme.sansFamily
                                font.pixelSize: Theme.fontBody
                                font.weight: Font.Medium
                            }
                        }
                    }
                    Text {
                        objectName: "supervisorNote"
                        width: parent.width
                        visible: page.admin.supervisorNote.length > 0
                        text: page.kiosk.ui.admin_supervisor + " " + page.admin.supervisorNote
                        textFormat: Text.PlainText
                        wrapMode: Text.WordWrap
                        color: Theme.accent
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontBody
                    }
                    Text {
                        objectName: "adminContentNote"
                        width: parent.width
                        visible: page.host.contentNote.length > 0
                        text: page.host.contentNote
                        textFormat: Text.PlainText
                        wrapMode: Text.WordWrap
                        color: page.host.lastSwapProblems.length > 0 ? Theme.accent : Theme.text
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontBody
                    }
                    Text {
                        objectName: "adminSwapProblems"
                        width: parent.width
                        visible: page.host.lastSwapProblems.length > 0
                        text: page.host.lastSwapProblems.join("\n")
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        color: Theme.accent
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontSmall
                    }
                    Text {
                        width: parent.width
                        visible: page.admin.configProblems.length > 0
                        text: page.kiosk.ui.admin_config_problems + "\n" + page.admin.configProblems.join("\n")
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        color: Theme.accent
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }

            // A USB stick's bundle: above the journal, where staff look first (a bundle may wait for them).
            AdminUsb {
                id: usbPanel
                anchors.top: page.portrait ? factsView.bottom : closeButton.bottom
                anchors.topMargin: Theme.gutter
                anchors.left: page.portrait ? parent.left : factsView.right
                anchors.leftMargin: page.portrait ? 0 : Theme.gutter
                anchors.right: parent.right
                kiosk: page.kiosk
                admin: page.admin
            }

            Rectangle {
                id: journal
                anchors.top: usbPanel.visible ? usbPanel.bottom : (page.portrait ? factsView.bottom : closeButton.bottom)
                anchors.topMargin: Theme.gutter
                anchors.left: page.portrait ? parent.left : factsView.right
                anchors.leftMargin: page.portrait ? 0 : Theme.gutter
                anchors.right: parent.right
                anchors.bottom: actions.top
                anchors.bottomMargin: Theme.gutter
                radius: Theme.radius
                color: Theme.surface

                Text {
                    id: journalTitle
                    anchors.top: parent.top
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.margins: Theme.gutter
                    text: page.admin.lastErrors.length > 0 ? page.kiosk.ui.admin_errors : page.kiosk.ui.admin_no_errors
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                }
                ListView {
                    objectName: "adminErrors"
                    anchors.top: journalTitle.bottom
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: Theme.gutter
                    clip: true
                    spacing: Theme.spacing
                    boundsBehavior: Flickable.StopAtBounds
                    model: page.admin.lastErrors

                    delegate: Text {
                        required property string modelData

                        width: ListView.view.width
                        text: modelData
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        color: Theme.text
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }

            Flow {
                id: actions
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                spacing: Theme.spacing

                KioskButton {
                    objectName: "adminReload"
                    text: page.reloadAsked ? page.kiosk.ui.admin_reload_requested : page.kiosk.ui.admin_reload
                    onClicked: {
                        page.reloadAsked = true;
                        page.admin.reloadContent();
                    }
                }
                KioskButton {
                    objectName: "adminStatsButton"
                    text: page.kiosk.ui.admin_stats
                    onClicked: page.admin.showStatistics()
                }
                KioskButton {
                    objectName: "adminTouchTest"
                    text: page.kiosk.ui.admin_touch_test
                    onClicked: page.testing = true
                }
                KioskButton {
                    objectName: "adminStayOpen"
                    visible: page.admin.opening !== null && page.admin.opening.enabled
                    text: page.kiosk.ui.admin_stay_open
                    onClicked: page.admin.stayOpenOneHour()
                }
                KioskButton {
                    objectName: "adminRestart"
                    primary: page.confirming === "restart"
                    text: page.confirming === "restart" ? page.kiosk.ui.admin_confirm : page.kiosk.ui.admin_restart
                    onClicked: page.confirmThen("restart")
                }
                KioskButton {
                    objectName: "adminQuit"
                    primary: page.confirming === "quit"
                    text: page.confirming === "quit" ? page.kiosk.ui.admin_confirm : page.kiosk.ui.admin_quit
                    onClicked: page.confirmThen("quit")
                }
            }
        }
    }

    Loader {
        anchors.fill: parent
        active: page.admin.statisticsShown && page.admin.stage === "admin"
        sourceComponent: AdminStats {
            kiosk: page.kiosk
            statistics: page.admin.statistics
            onDone: page.admin.hideStatistics()
        }
    }

    Loader {
        anchors.fill: parent
        active: page.testing && page.admin.stage === "admin"
        sourceComponent: TouchTestGrid {
            kiosk: page.kiosk
            onDone: page.testing = false
        }
    }
}
