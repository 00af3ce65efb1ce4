pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// The kiosk window: one stack of pages (attract, home, a section) that follows
// kiosk.screen, the language switch on top, and the "still there?" overlay above all.
Window {
    id: root

    required property var kiosk
    required property var idle
    required property int startWidth
    required property int startHeight

    function pageForState(): void {
        if (root.kiosk.status !== "ready")
            return;
        if (root.kiosk.screen === "attract")
            stack.replace(null, attractPage, {});
        else if (root.kiosk.screen === "home")
            stack.replace(null, homePage, {});
        else
            stack.replace(null, sectionPage, { "section": root.kiosk.section(root.kiosk.sectionIndex) });
    }

    width: startWidth
    height: startHeight
    color: Theme.background
    title: root.kiosk.title.length > 0 ? root.kiosk.title : "Base 11/19"

    Binding {
        target: Theme
        property: "scale"
        value: Math.max(0.4, Math.min(root.width, root.height) / 1080)
    }
    Binding {
        target: Theme
        property: "contentColours"
        value: root.kiosk.themeColours
    }
    Connections {
        target: root.kiosk
        function onNavigationChanged(): void {
            root.pageForState();
        }
    }

    Component {
        id: attractPage
        AttractPage {
            kiosk: root.kiosk
        }
    }
    Component {
        id: homePage
        HomePage {
            kiosk: root.kiosk
        }
    }
    Component {
        id: sectionPage
        SectionPage {
            kiosk: root.kiosk
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        visible: root.kiosk.status === "ready"
        initialItem: root.kiosk.status !== "ready" ? null : root.kiosk.screen === "home" ? homePage : attractPage

        replaceEnter: Transition {
            OpacityAnimator {
                from: 0
                to: 1
                duration: Theme.transitionMs
                easing.type: Easing.OutCubic
            }
        }
        replaceExit: Transition {
            OpacityAnimator {
                from: 1
                to: 0
                duration: Theme.transitionMs
                easing.type: Easing.InCubic
            }
        }
    }

    Loader {
        anchors.fill: parent
        active: root.kiosk.status !== "ready"
        sourceComponent: ErrorPage {
            kiosk: root.kiosk
        }
    }

    LanguageSwitch {
        objectName: "languageSwitch"
        kiosk: root.kiosk
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.topMargin: Math.round((Theme.topBarHeight - Theme.touchTarget) / 2)
        anchors.rightMargin: Theme.margin
    }

    IdleOverlay {
        objectName: "idleOverlay"
        anchors.fill: parent
        z: 100  // above everything, pictures opened full screen included
        kiosk: root.kiosk
        idle: root.idle
    }
}
