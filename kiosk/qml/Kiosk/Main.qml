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
// Keys (a tactile keypad, a switch, a keyboard): the arrows and Tab move the focus through
// the controls in reading order, Enter presses, Escape goes back (see `key`).
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
    // The content's recordings (bridge/audio.py): the section pages' Listen buttons play them.
    required property AudioController audio
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
    // The place on screen ("home", "credits", "section-2"): keys keep their place across pages.
    property string placeShown: ""
    // Keys: the control that had the focus last, and whether the kiosk is moving it itself.
    property Item lastFocus: null
    property bool steering: false
    // The Tab being pressed has had its step put in reading order (Qt Quick then passes the
    // key on to the stage, which must not move the focus once more).
    property bool tabSteered: false

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
        const before = root.placeShown;
        const focusedName = root.activeFocusItem ? root.activeFocusItem.objectName : "";
        root.showPage(false);
        if (root.placeShown !== before && before.length > 0 && Theme.focusVisible)
            root.refocus(focusedName, before);
    }

    // With keys, a new page keeps the visitor's place: the same control (Next goes on to
    // the next section with the focus on Next), else, back home, the tile of the section
    // they left. Otherwise the next key starts from the first control.
    function refocus(name: string, left: string): void {
        const page = stack.currentItem;
        if (!page)
            return;
        let target = name.length > 0 ? root.findControl(page, name) : null;
        if (!target && left.startsWith("section-")) {
            const section = root.kiosk.section(Number(left.substring(8)));
            if (section)
                target = root.findControl(page, "tile-" + section.kind);
        }
        if (target)
            root.steer(target);
    }

    function findControl(item: Item, name: string): Item {
        if (item.objectName === name && item.activeFocusOnTab && item.visible)
            return item;
        for (const child of item.children) {
            const found = root.findControl(child, name);
            if (found)
                return found;
        }
        return null;
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
                "section": root.kiosk.section(root.kiosk.sectionIndex),
                "audio": root.audio
            }));
        root.instantPages = false;
        root.placeShown = root.kiosk.screen === "section" ? "section-" + root.kiosk.sectionIndex : root.kiosk.screen;
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

    // -- keys: a museum keypad or a switch sends arrows, Enter and Escape --

    // What a key does when the control with the focus did not use it. On the attract
    // screen any key starts the visit; elsewhere the arrows and Tab move the focus (in the
    // open accessibility panel, among its switches), Escape goes back one level. The admin
    // screen, the closed screen and the error page keep their keys.
    function key(event: KeyEvent): void {
        if (adminPage.visible || closedScreen.visible || root.kiosk.status !== "ready")
            return;
        if (root.kiosk.screen === "attract") {
            if ([Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_AltGr, Qt.Key_Meta].indexOf(event.key) >= 0)
                return;  // a modifier alone, or with a key kiosk mode swallows
            root.kiosk.wake();
            event.accepted = true;
            return;
        }
        if (idleOverlay.shown) {
            root.idle.activity();  // "I am still here"
            event.accepted = true;
            return;
        }
        switch (event.key) {
        case Qt.Key_Tab:
        case Qt.Key_Backtab:
            // Not again when this key's step was already put in reading order.
            if (!root.tabSteered)
                root.moveFocus(event.key === Qt.Key_Tab && !(event.modifiers & Qt.ShiftModifier));
            break;
        case Qt.Key_Right:
            root.moveToward(1, 0);
            break;
        case Qt.Key_Left:
            root.moveToward(-1, 0);
            break;
        case Qt.Key_Down:
            root.moveToward(0, 1);
            break;
        case Qt.Key_Up:
            root.moveToward(0, -1);
            break;
        case Qt.Key_Escape:
        case Qt.Key_Back:
            root.back();
            break;
        default:
            return;
        }
        event.accepted = true;
    }

    function within(item: Item, layer: Item): bool {
        for (let up = item; up; up = up.parent) {
            if (up === layer)
                return true;
        }
        return false;
    }

    // Where keys move the focus: the open accessibility panel, else the whole stage.
    function keyLayer(): Item {
        return accessibilityPanel.visible ? accessibilityPanel : stage;
    }

    // The control with the focus, when it is in the layer keys move in (else null).
    function focusedIn(layer: Item): Item {
        const item = root.activeFocusItem;
        return item && item !== layer && root.within(item, layer) && item.activeFocusOnTab ? item : null;
    }

    // The next (or previous) control in reading order (see readingOrder).
    function moveFocus(forward: bool): void {
        const layer = root.keyLayer();
        const order = root.readingOrder(layer);
        if (order.length === 0)
            return;
        const from = order.indexOf(root.focusedIn(layer));
        const next = from < 0 ? (forward ? 0 : order.length - 1) : (from + (forward ? 1 : order.length - 1)) % order.length;
        root.steer(order[next]);
    }

    // The focus moved by the kiosk's own choice (not Qt Quick's Tab chain).
    function steer(item: Item): void {
        root.steering = true;
        item.forceActiveFocus(Qt.TabFocusReason);
        root.steering = false;
    }

    // Tab and Shift+Tab on a control are Qt Quick's (its Tab chain, in the order of the items,
    // where the languages come last): when the chain's step is not the reading order's, the
    // focus goes on to the control the reading order gives, once Qt Quick is done with the key.
    function followReadingOrder(before: Item, item: Item): void {
        if (root.steering || !before || !item || accessibilityPanel.visible || root.accessibility.tabbing === 0)
            return;
        const forward = root.accessibility.tabbing > 0;
        const order = root.readingOrder(stage);
        const from = order.indexOf(before);
        if (from < 0 || order.indexOf(item) < 0)
            return;
        const wanted = order[(from + (forward ? 1 : order.length - 1)) % order.length];
        if (wanted === item)
            return;
        root.tabSteered = true;
        Qt.callLater(root.steerFrom, item, wanted);
    }

    function steerFrom(item: Item, wanted: Item): void {
        if (root.activeFocusItem === item && wanted)
            root.steer(wanted);
    }

    // The controls in reading order: Qt Quick's Tab chain (the order of the pages' items:
    // top bar, view, bottom row; then the languages and the accessibility button), but the
    // languages, which stand in the top bar, right after the page's top bar: after the
    // controls that come first in the chain and stand level with them.
    function readingOrder(layer: Item): list<Item> {
        const found = root.controls(layer);
        if (!languageSwitch.visible || !root.within(languageSwitch, layer))
            return found;
        const languages = found.filter(item => root.within(item, languageSwitch));
        const rest = found.filter(item => !root.within(item, languageSwitch));
        const bar = languageSwitch.mapToItem(stage, 0, 0, languageSwitch.width, languageSwitch.height);
        let at = 0;
        while (at < rest.length) {
            const box = rest[at].mapToItem(stage, 0, 0, rest[at].width, rest[at].height);
            if (box.y + box.height / 2 > bar.y + bar.height)
                break;
            ++at;
        }
        return rest.slice(0, at).concat(languages, rest.slice(at));
    }

    // Every control keys can reach now, in Tab order.
    function controls(layer: Item): list<Item> {
        const found = [];
        let next = layer;
        for (let step = 0; step < 1000; ++step) {
            next = next.nextItemInFocusChain(true);
            if (!next || found.indexOf(next) >= 0)
                break;
            if (next.activeFocusOnTab && root.within(next, layer))
                found.push(next);
        }
        return found;
    }

    // An arrow: the nearest control that way (on the stage, as the visitor sees it), the
    // one straight ahead first; when there is none that way, the next or previous one in
    // Tab order, so that every control stays reachable with the arrows alone.
    function moveToward(dx: int, dy: int): void {
        const layer = root.keyLayer();
        const from = root.focusedIn(layer);
        if (!from) {
            root.moveFocus(dx + dy > 0);
            return;
        }
        const a = from.mapToItem(stage, 0, 0, from.width, from.height);
        let best = null;
        let bestScore = Infinity;
        for (const item of root.controls(layer)) {
            if (item === from)
                continue;
            const b = item.mapToItem(stage, 0, 0, item.width, item.height);
            const tolerance = 1;
            // How far ahead (it must lie wholly beyond the edge), and how far aside.
            const ahead = dx > 0 ? b.x - (a.x + a.width) : dx < 0 ? a.x - (b.x + b.width) : dy > 0 ? b.y - (a.y + a.height) : a.y - (b.y + b.height);
            if (ahead < -tolerance)
                continue;
            const aside = dx !== 0
                ? Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height))
                : Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
            const score = Math.max(0, ahead) + aside * 3;
            if (score < bestScore) {
                best = item;
                bestScore = score;
            }
        }
        if (best)
            root.steer(best);
        else
            root.moveFocus(dx + dy > 0);
    }

    // Escape: the open panel first, then what is open on the page (a card, the
    // introduction, a picture), then the page itself, back to home.
    function back(): void {
        if (accessibilityPanel.visible) {
            accessibilityPanel.visible = false;
            accessibilityButton.forceActiveFocus(Qt.OtherFocusReason);
        } else if (root.kiosk.detail.length > 0) {
            root.kiosk.closeDetail();
        } else if (root.kiosk.screen !== "home") {
            root.kiosk.goHome();
        }
    }

    // The control with the focus is never hidden in a scrolling page: the page scrolls to
    // it (WCAG 2.4.11, focus not obscured).
    function reveal(item: Item): void {
        for (let up = item ? item.parent : null; up; up = up.parent) {
            const flick = up.parent as Flickable;
            if (!flick || up !== flick.contentItem)
                continue;
            const box = item.mapToItem(flick.contentItem, 0, 0, item.width, item.height);
            const room = Theme.gutter;
            if (box.y - room < flick.contentY)
                flick.contentY = Math.max(0, box.y - room);
            else if (box.y + box.height + room > flick.contentY + flick.height)
                flick.contentY = Math.min(flick.contentHeight - flick.height, box.y + box.height + room - flick.height);
        }
    }

    width: startWidth
    height: startHeight
    color: Theme.background
    title: root.kiosk.title.length > 0 ? root.kiosk.title : "Base 11/19"
    Component.onCompleted: root.showPage(true)
    onActiveFocusItemChanged: {
        const before = root.lastFocus;
        root.lastFocus = root.activeFocusItem;
        root.followReadingOrder(before, root.activeFocusItem);
        root.reveal(root.activeFocusItem);
    }

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
        property: "focusVisible"
        value: root.accessibility.keysUsed
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
        target: root.accessibility
        function onTabbingChanged(): void {
            root.tabSteered = false;
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

    FocusScope {
        id: stage
        objectName: "stage"

        readonly property bool sideways: root.contentRotation === 90 || root.contentRotation === 270

        anchors.centerIn: parent
        width: stage.sideways ? root.height : root.width
        height: stage.sideways ? root.width : root.height
        rotation: root.contentRotation
        focus: true
        Accessible.role: Accessible.Client
        Accessible.name: root.title
        Keys.onPressed: event => root.key(event)

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
            onClicked: {
                accessibilityPanel.visible = !accessibilityPanel.visible;
                if (accessibilityPanel.visible)
                    accessibilityPanel.takeFocus();
            }
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
            id: idleOverlay
            objectName: "idleOverlay"
            anchors.fill: parent
            z: 100  // above everything, pictures opened full screen included
            kiosk: root.kiosk
            idle: root.idle
        }

        ClosedScreen {
            id: closedScreen
            anchors.fill: parent
            z: 150  // above the exhibit and its countdown, under the admin screen
            kiosk: root.kiosk
            opening: root.opening
        }

        AdminPage {
            id: adminPage
            objectName: "adminPage"
            anchors.fill: parent
            z: 200  // above the countdown too
            kiosk: root.kiosk
            admin: root.admin
            host: root.host
        }
    }
}
