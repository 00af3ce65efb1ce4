pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// The kiosk window: one stack of pages (attract, home, a section) that follows
// kiosk.screen, the language switch on top, the "still there?" overlay above, and the
// admin screen above all. Outside opening hours the closed screen (black, a message on a
// touch) covers the exhibit and no page is kept under it. Everything sits on `stage`, turned by contentRotation for a
// screen mounted on its side: touches follow the turn through the item tree.
// host.kiosk is replaced when new content arrives (kiosk preview, a swap on the exhibition PC).
Window {
    id: root

    required property ContentHost host
    readonly property KioskController kiosk: root.host.kiosk
    required property IdleController idle
    required property AdminController admin
    // Opening hours (bridge/opening.py): closed, no page runs under the black screen.
    required property OpeningController opening
    // Burn-in care on the attract screen (bridge/screencare.py): a slow shift of a few
    // pixels, and a dimmer screen after a long quiet time.
    required property ScreenCareController screenCare
    // The visitor's accessibility modes (bridge/accessibility.py), off again when they leave.
    required property AccessibilityController accessibility
    required property int contentRotation
    required property int startWidth
    required property int startHeight

    // Home and section pages are created on first visit and kept while a visitor is
    // here, so going back and forth neither rebuilds them nor reloads their pictures.
    // When the visitor leaves (kiosk.reset), they are dropped: the next visitor starts fresh.
    property var pageCache: ({})
    property bool dropPagesWhenIdle: false
    // Pages of replaced content, destroyed once no transition shows them any more.
    property var retiredPages: []
    // True while a page is put up without a transition (the first page, a preview reload).
    property bool instantPages: false

    function cachedPage(key: string, component: Component, properties: var): Item {
        let page = root.pageCache[key];
        if (!page) {
            // Each page keeps the kiosk it was made for (a value, not a binding): when new
            // content replaces root.kiosk, pages of the old one never mix the two.
            page = component.createObject(stack, Object.assign({
                "kiosk": root.kiosk
            }, properties));
            page.visible = false;
            root.pageCache[key] = page;
        }
        return page;
    }

    function dropCachedPages(): void {
        const current = stack.currentItem;
        for (const key in root.pageCache) {
            if (root.pageCache[key] !== current)
                root.pageCache[key].destroy();
        }
        root.pageCache = {};
        root.dropPagesWhenIdle = false;
    }

    function pageForState(): void {
        root.showPage(false);
    }

    function showPage(instant: bool): void {
        if (root.kiosk.status !== "ready")
            return;
        if (!root.opening.open) {
            root.closePages();
            return;
        }
        // The transitions are switched off rather than skipped with StackView.Immediate,
        // which would leave the animators' start values (opacity 0) on the new page.
        root.instantPages = instant;
        if (root.kiosk.screen === "attract")
            stack.replace(null, attractPage, {
                "kiosk": root.kiosk
            });
        else if (root.kiosk.screen === "home")
            stack.replace(null, root.cachedPage("home", homePage, {}));
        else if (root.kiosk.screen === "credits")
            stack.replace(null, creditsPage, {
                "kiosk": root.kiosk
            });
        else
            stack.replace(null, root.cachedPage("section-" + root.kiosk.sectionIndex, sectionPage, {
                "section": root.kiosk.section(root.kiosk.sectionIndex)
            }));
        root.instantPages = false;
    }

    // New content: every page shows the old one, so all are dropped and the same place
    // is shown from the new content. In a preview it appears at once (pictures that did
    // not change come from Qt's image cache); on the exhibition PC with the usual fade.
    function showNewContent(): void {
        for (const key in root.pageCache)
            root.retiredPages.push(root.pageCache[key]);
        root.pageCache = {};
        root.dropPagesWhenIdle = false;
        if (root.kiosk.status === "ready")
            root.showPage(root.host.preview || stack.depth === 0);  // no fade from the error screen
        else
            stack.clear(StackView.Immediate);
        if (!stack.busy)
            root.dropRetiredPages();
    }

    // Closing time: the pages go (the attract loop stops, their memory is released);
    // opening time shows the attract screen afresh (bridge/engine.py resets the kiosk).
    function closePages(): void {
        if (stack.depth > 0)
            stack.clear(StackView.Immediate);
        root.dropCachedPages();
        root.dropRetiredPages();
    }

    function dropRetiredPages(): void {
        for (const page of root.retiredPages)
            page.destroy();
        root.retiredPages = [];
    }

    width: startWidth
    height: startHeight
    color: Theme.background
    title: root.kiosk.title.length > 0 ? root.kiosk.title : "Base 11/19"
    Component.onCompleted: root.showPage(true)

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
    Binding {
        target: Theme
        property: "largerText"
        value: root.accessibility.largerText
    }
    Binding {
        target: Theme
        property: "highContrast"
        value: root.accessibility.highContrast
    }
    Binding {
        target: Theme
        property: "lessMotion"
        value: root.accessibility.lessMotion
    }
    Binding {
        target: Theme
        property: "reach"
        value: root.accessibility.reach
    }
    Binding {
        target: Theme
        property: "reachShare"
        value: root.accessibility.reachShare
    }
    Binding {
        target: Theme
        property: "accessibilityRoom"
        value: accessibilityButton.visible ? accessibilityButton.width + Theme.gutter : 0
    }
    Binding {
        target: Theme
        property: "languageRoom"
        value: languageSwitch.width + Theme.gutter
    }
    Connections {
        target: root.host
        function onKioskChanged(): void {
            root.showNewContent();
        }
    }
    Connections {
        target: root.opening
        function onOpenChanged(): void {
            root.showPage(true);
        }
    }
    Connections {
        target: root.kiosk
        function onNavigationChanged(): void {
            accessibilityPanel.visible = false;
            root.pageForState();
        }
        function onReset(): void {
            root.dropPagesWhenIdle = true;
            accessibilityPanel.visible = false;
        }
    }

    Component {
        id: attractPage
        AttractPage {}
    }
    Component {
        id: homePage
        HomePage {}
    }
    Component {
        id: creditsPage
        CreditsPage {}
    }
    Component {
        id: sectionPage
        SectionPage {}
    }

    Item {
        id: stage
        objectName: "stage"

        readonly property bool sideways: root.contentRotation === 90 || root.contentRotation === 270

        anchors.centerIn: parent
        width: stage.sideways ? root.height : root.width
        height: stage.sideways ? root.width : root.height
        rotation: root.contentRotation

        // The attract screen and its chrome move together by a few pixels now and then
        // (screenCare), never while a visitor is here: elsewhere the offset is 0.
        Translate {
            id: careShift
            x: root.kiosk.screen === "attract" ? Math.round(root.screenCare.shiftX * Theme.scale) : 0
            y: root.kiosk.screen === "attract" ? Math.round(root.screenCare.shiftY * Theme.scale) : 0
            Behavior on x { NumberAnimation { duration: Theme.careShiftMs; easing.type: Easing.InOutSine } }
            Behavior on y { NumberAnimation { duration: Theme.careShiftMs; easing.type: Easing.InOutSine } }
        }

        StackView {
            id: stack
            objectName: "stack"
            anchors.fill: parent
            // Reach mode: the page, its top bar included, in the lower part of the screen
            // a seated visitor reaches (kiosk.yaml's accessibility block).
            anchors.topMargin: Theme.reach ? Math.round(parent.height * (1 - Theme.reachShare)) : 0
            transform: careShift
            visible: root.kiosk.status === "ready" && root.opening.open
            onBusyChanged: {
                if (!stack.busy && root.dropPagesWhenIdle)
                    root.dropCachedPages();
                if (!stack.busy)
                    root.dropRetiredPages();
            }

            // The new page rises and fades in over the coal background while the old one
            // steps aside at once: one page to draw per frame keeps the software renderer
            // within a 60 Hz frame at 1080p (see bench/navigation.py).
            replaceEnter: Transition {
                enabled: !root.instantPages
                ParallelAnimation {
                    OpacityAnimator {
                        from: 0
                        to: 1
                        duration: Theme.transitionMs
                        easing.type: Easing.OutCubic
                    }
                    YAnimator {
                        from: Theme.transitionRise
                        to: 0
                        duration: Theme.transitionMs
                        easing.type: Easing.OutCubic
                    }
                }
            }
            replaceExit: Transition {
                enabled: !root.instantPages
                PropertyAction {
                    property: "opacity"
                    value: 0
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
            id: languageSwitch
            objectName: "languageSwitch"
            transform: careShift
            kiosk: root.kiosk
            anchors.top: stack.top  // in reach mode, down with the page
            anchors.right: parent.right
            anchors.topMargin: Math.round((Theme.topBarHeight - Theme.touchTarget) / 2)
            anchors.rightMargin: Theme.margin
        }

        // Accessibility, on every visitor's screen (not the attract screen: its first touch
        // starts the visit, and every mode is off for a new visitor), at the bottom left,
        // in the reach zone. Its panel of modes opens above it; a touch elsewhere closes it.
        TapHandler {
            enabled: accessibilityPanel.visible
            gesturePolicy: TapHandler.ReleaseWithinBounds
            onTapped: accessibilityPanel.visible = false
        }
        AccessibilityButton {
            id: accessibilityButton
            objectName: "accessibilityButton"
            z: 50  // above the pages, under the overlays
            anchors.left: parent.left
            anchors.bottom: parent.bottom
            anchors.leftMargin: Theme.margin
            anchors.bottomMargin: Math.round((Theme.topBarHeight - Theme.touchTarget) / 2)
            visible: root.kiosk.status === "ready" && root.opening.open && root.kiosk.screen !== "attract"
            text: root.kiosk.ui.accessibility ?? ""
            compact: stage.height > stage.width
            lit: accessibilityPanel.visible || root.accessibility.anyOn
            onClicked: accessibilityPanel.visible = !accessibilityPanel.visible
        }
        AccessibilityPanel {
            id: accessibilityPanel
            objectName: "accessibilityPanel"
            z: 50
            visible: false
            anchors.left: accessibilityButton.left
            anchors.bottom: accessibilityButton.top
            anchors.bottomMargin: Theme.spacing
            width: Math.min(implicitWidth, parent.width - Theme.margin * 2)
            kiosk: root.kiosk
            accessibility: root.accessibility
        }

        // After a long quiet time the attract screen dims (screenCare.brightness); the next
        // touch brings it back. Drawn only while dimmed.
        Rectangle {
            objectName: "attractDim"
            anchors.fill: parent
            z: 80  // over the attract page and the language switch, under the overlays
            color: "black"
            opacity: root.kiosk.screen === "attract" ? 1 - root.screenCare.brightness : 0
            visible: opacity > 0
            Behavior on opacity { OpacityAnimator { duration: Theme.careDimMs } }
        }

        ProblemsOverlay {
            objectName: "problemsOverlay"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            z: 90  // above the pages, under the countdown
            kiosk: root.kiosk
            problems: root.host.overlayProblems
        }

        IdleOverlay {
            objectName: "idleOverlay"
            anchors.fill: parent
            z: 100  // above everything, pictures opened full screen included
            kiosk: root.kiosk
            idle: root.idle
        }

        ClosedScreen {
            anchors.fill: parent
            z: 150  // above the exhibit and its countdown, under the admin screen
            kiosk: root.kiosk
            opening: root.opening
        }

        AdminPage {
            objectName: "adminPage"
            anchors.fill: parent
            z: 200  // above the countdown too
            kiosk: root.kiosk
            admin: root.admin
            host: root.host
        }
    }
}
