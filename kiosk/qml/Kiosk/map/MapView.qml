pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Bridge

// The terrils and shafts on a map drawn by the kiosk from vector layers (no network).
// Drag to pan (it glides on), pinch, double-tap or touch + and − to zoom, tap a marker for
// its card or a bubble to zoom onto the markers it holds; layers switch on and off; the
// profile shows heights and depths to scale. A north arrow and a scale bar that follows
// the zoom stand over the map. On an upright screen the layers go in rows under the map
// and a card opens as a sheet over its lower part, the map in view above it.
//
// Built for a PC without a graphics card: the controller draws the map (layers, markers,
// labels) in tiles once a zoom ends (setView); the view only moves them while the map pans,
// and scales them while it zooms. Nothing is computed per frame.
Item {
    id: view

    required property KioskController kiosk
    required property SectionItem section
    required property AudioController audio
    readonly property MapController map: view.section.controller as MapController
    readonly property var marker: view.kiosk.detail.length > 0 ? view.map.markerAt(view.kiosk.detail, view.kiosk.language) : ({})
    // The profile is a detail of its own, so any move (or the visitor leaving) closes it.
    readonly property bool profileShown: view.kiosk.detail === "profile" || view.fromProfile
    property bool fromProfile: false
    readonly property bool cardShown: (view.marker.id ?? "").length > 0
    // An upright screen: the map on top, its layers in a row under it, cards as a bottom sheet.
    readonly property bool portrait: view.height > view.width
    // The part of the map not covered by an opened card (the card on the right, or the sheet).
    readonly property bool cardOverMap: view.cardShown && view.kiosk.detail !== "profile" && !view.profileShown
    readonly property real seenWidth: view.seenWidthNow()
    readonly property real seenHeight: view.seenHeightNow()

    property real zoom: 1.0
    readonly property real minZoom: 1.0
    readonly property real maxZoom: 8.0
    // At zoom 1 the map covers the frame; at zoom z it is z times larger.
    readonly property real baseWidth: Math.max(frame.width, frame.height / view.map.aspect)
    readonly property real mapWidth: view.baseWidth * view.zoom
    readonly property real mapHeight: view.mapWidth * view.map.aspect
    // The width the markers and tiles are laid out for: the map's width once a zoom ends.
    property real level: 0
    readonly property bool zooming: pinch.active || zoomAnimation.running
    // The zoom the map is going to (the + and − buttons are faint at the ends).
    readonly property real zoomHeading: zoomAnimation.running ? zoomTarget.to : view.zoom
    // A visitor has moved the map (it no longer opens by itself on a new frame size).
    property bool touched: false
    // Where the map was before it moved by itself to show an opened card: zoom and middle.
    property list<real> before: []
    // The opening view is being set (its zoom, then its position).
    property bool opening: false
    readonly property bool frameReady: map.width > 0 && map.height > 0
    readonly property real markerSize: Math.round(30 * Theme.scale)
    // Sizes and words the controller lays the markers and draws the tiles with.
    readonly property var style: ({
            "ground": Theme.surface,
            "stroke": Math.max(1, 3 * Theme.scale),
            "labelFamily": Theme.sansFamily,
            "labelSize": Theme.fontSmall,
            "symbol": view.markerSize,
            "bubble": Math.round(52 * Theme.scale),
            "border": Theme.borderWidth,
            "target": Theme.touchTarget,
            "gap": Math.round(6 * Theme.scale),
            "terril": Theme.terril,
            "shaft": Theme.accent,
            "place": Theme.sky,
            "group": Theme.surfaceRaised,
            "text": Theme.text,
            "halo": Theme.background,
            "here": Theme.accent,
            "hereText": view.kiosk.ui.you_are_here,
            "areaText": Theme.textMuted,
            "groupTerril": view.kiosk.ui.group_terrils,
            "groupShaft": view.kiosk.ui.group_shafts,
            "groupPlace": view.kiosk.ui.group_places,
            "groupMixed": view.kiosk.ui.group_mixed
        })
    // Which part of the map is in view, in steps of an eighth of the frame: the markers and
    // tiles near it are kept in their models as the map moves.
    readonly property string viewport: [Math.floor(map.contentX / Math.max(1, map.width / 8)),
        Math.floor(map.contentY / Math.max(1, map.height / 8)), view.level, view.width, view.height].join(",")

    // The seen part's size, computed afresh (a handler may run before the bindings above).
    function seenWidthNow(): real {
        return view.cardOverMap && !view.portrait
            ? Math.max(Theme.touchTarget, Math.min(frame.width, card.x - frame.x - Theme.spacing)) : frame.width;
    }

    function seenHeightNow(): real {
        return view.cardOverMap && view.portrait
            ? Math.max(Theme.touchTarget, Math.min(frame.height, card.y - frame.y - Theme.spacing)) : frame.height;
    }

    function isHidden(id: string): bool {
        return view.map.hidden.indexOf(id) >= 0;
    }

    function clampX(x: real, width: real): real {
        return Math.max(0, Math.min(width - map.width, x));
    }

    function clampY(y: real, height: real): real {
        return Math.max(0, Math.min(height - map.height, y));
    }

    // Glide to `target` zoom keeping the map point (ax, ay) (fractions) at (localX, localY)
    // of the frame. Zoom and position move with the same easing, so the point stays put.
    function zoomTo(target: real, ax: real, ay: real, localX: real, localY: real): void {
        const z = Math.max(view.minZoom, Math.min(view.maxZoom, target));
        const width = view.baseWidth * z, height = width * view.map.aspect;
        map.cancelFlick();
        zoomAnimation.stop();
        zoomTarget.to = z;
        xTarget.to = view.clampX(ax * width - localX, width);
        yTarget.to = view.clampY(ay * height - localY, height);
        zoomAnimation.start();
    }

    function zoomAt(factor: real, localX: real, localY: real): void {
        view.zoomTo(view.zoom * factor, (map.contentX + localX) / view.mapWidth, (map.contentY + localY) / view.mapHeight,
            localX, localY);
    }

    // Zoom onto a box of the map (fractions), at least twice closer, in the part not under a card.
    function zoomOnto(box: var): void {
        const fit = Math.min(view.seenWidth * 0.6 / Math.max(1e-6, (box[2] - box[0]) * view.baseWidth),
            view.seenHeight * 0.6 / Math.max(1e-6, (box[3] - box[1]) * view.baseWidth * view.map.aspect));
        view.zoomTo(Math.max(view.zoom * 2, fit), (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, view.seenWidth / 2,
            view.seenHeight / 2);
    }

    // The + and − buttons: twice closer or farther, about the middle of what is seen.
    function zoomBy(factor: real): void {
        view.before = [];
        view.touched = true;
        view.map.noteZoom(view.zoomHeading, view.zoomHeading * factor);
        // From the zoom it is going to: a second touch during the glide goes on from there.
        view.zoomAt(view.zoomHeading * factor / view.zoom, view.seenWidth / 2, view.seenHeight / 2);
    }

    // The opening view: the commune and its markers filling the frame.
    function homeZoom(): real {
        const f = view.map.focus;
        return Math.min(map.width / (f.width * view.baseWidth), map.height / (f.height * view.baseWidth * view.map.aspect));
    }

    function reset(): void {
        const f = view.map.focus;
        view.zoomTo(view.homeZoom(), f.x + f.width / 2, f.y + f.height / 2, map.width / 2, map.height / 2);
    }

    function resetAtOnce(): void {
        const f = view.map.focus;
        view.opening = true;
        view.zoom = Math.max(view.minZoom, Math.min(view.maxZoom, view.homeZoom()));
        map.contentX = view.clampX((f.x + f.width / 2) * view.mapWidth - map.width / 2, view.mapWidth);
        map.contentY = view.clampY((f.y + f.height / 2) * view.mapHeight - map.height / 2, view.mapHeight);
        view.opening = false;
        view.settle();
    }

    // A zoom has ended: lay the markers and tiles out for it, their labels inside what is
    // seen then (not while the opening view is being set: its position comes after its zoom).
    function settle(): void {
        if (view.zooming || view.opening || view.mapWidth <= 0 || !view.frameReady)
            return;
        // What lies over the map (the north arrow, the buttons, the scale), as map fractions;
        // from the seen part's size now (their anchors may not have followed it yet).
        const w = view.seenWidthNow(), h = view.seenHeightNow(), m = Theme.spacing;
        const covered = [[w - m - northArrow.width, m, w - m, m + northArrow.height],
            [w - m - zoomButtons.width, h - m - zoomButtons.height, w - m, h - m],
            [m, h - m - scale.height, m + scale.width, h - m]].map(box => [(map.contentX + box[0]) / view.mapWidth,
                (map.contentY + box[1]) / view.mapHeight, (map.contentX + box[2]) / view.mapWidth,
                (map.contentY + box[3]) / view.mapHeight]);
        view.map.setFrame(map.contentX / view.mapWidth, map.contentY / view.mapHeight,
            (map.contentX + view.seenWidthNow()) / view.mapWidth, (map.contentY + view.seenHeightNow()) / view.mapHeight,
            covered);
        view.level = view.mapWidth;
        view.restSeen();
        view.updateView();
    }

    function updateView(): void {
        // Nothing to draw for a frame with no room (a page being laid out, or taken down).
        if (view.level <= 0 || !view.frameReady)
            return;
        // From mapWidth alone: this may run before the bindings that follow it are updated.
        const width = view.mapWidth, height = view.mapWidth * view.map.aspect;
        const marginX = map.width / 4, marginY = map.height / 4;
        view.map.setView(view.level, (map.contentX - marginX) / width, (map.contentY - marginY) / height,
            (map.contentX + map.width + marginX) / width, (map.contentY + map.height + marginY) / height,
            view.zoom >= view.maxZoom - 1e-6);
    }

    // -- keys: the markers take the focus, the arrows go from marker to marker --

    // The part of the map seen when it last came to rest (fractions): the markers there are
    // in the Tab order. Set when a move or a zoom ends, never at every frame.
    property list<real> seenBox: [0, 0, 0, 0]

    function restSeen(): void {
        if (view.mapWidth <= 0 || view.mapHeight <= 0)
            return;
        view.seenBox = [map.contentX / view.mapWidth, map.contentY / view.mapHeight,
            (map.contentX + view.seenWidthNow()) / view.mapWidth, (map.contentY + view.seenHeightNow()) / view.mapHeight];
    }

    function inSeen(x: real, y: real): bool {
        return x >= view.seenBox[0] && x <= view.seenBox[2] && y >= view.seenBox[1] && y <= view.seenBox[3];
    }

    // A marker that takes the focus is brought into the part seen, at once, by the least.
    function showMarker(fx: real, fy: real): void {
        const room = Theme.touchTarget;
        const px = fx * view.mapWidth, py = fy * view.mapHeight;
        const w = view.seenWidthNow(), h = view.seenHeightNow();
        let x = map.contentX, y = map.contentY;
        if (px - room < x)
            x = px - room;
        else if (px + room > x + w)
            x = px + room - w;
        if (py - room < y)
            y = py - room;
        else if (py + room > y + h)
            y = py + room - h;
        x = view.clampX(x, view.mapWidth);
        y = view.clampY(y, view.mapHeight);
        if (Math.abs(x - map.contentX) < 1 && Math.abs(y - map.contentY) < 1)
            return;
        map.cancelFlick();
        map.contentX = x;
        map.contentY = y;
        view.restSeen();
        view.updateView();
    }

    // An arrow on a marker: the nearest marker of a layer that is on that way (straight
    // ahead first, as between the buttons, Main.qml), anywhere on the map. False where
    // there is none: the key goes on to the window, to the nearest button that way.
    function focusMarkerToward(from: var, dx: int, dy: int): bool {
        let best = -1;
        let bestScore = Infinity;
        const markers = view.map.markers;
        for (let i = 0; i < markers.length; ++i) {
            const m = markers[i];
            if (m.id === from.id || view.isHidden(m.kind))
                continue;
            const ahead = ((m.x - from.x) * dx + (m.y - from.y) * dy * view.map.aspect) * view.mapWidth;
            if (ahead < 1)
                continue;
            const aside = Math.abs((m.x - from.x) * dy + (m.y - from.y) * dx * view.map.aspect) * view.mapWidth;
            const score = ahead + aside * 3;
            if (score < bestScore) {
                best = i;
                bestScore = score;
            }
        }
        const target = best >= 0 ? spokenMarkers.itemAt(best) : null;
        if (!target)
            return false;
        target.forceActiveFocus(Qt.OtherFocusReason);
        return true;
    }

    objectName: "mapView"
    // + and − (or =, as on a keyboard without a keypad) zoom while the keys are in the map.
    Keys.onPressed: event => {
        if (event.modifiers & (Qt.ControlModifier | Qt.AltModifier))
            return;
        if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal) {
            if (zoomIn.enabled)
                view.zoomBy(2);
            event.accepted = true;
        } else if (event.key === Qt.Key_Minus) {
            if (zoomOut.enabled)
                view.zoomBy(0.5);
            event.accepted = true;
        }
    }
    // Snapshots and tests wait while the map moves to a new zoom and its tiles are drawn.
    readonly property bool mediaLoading: view.map.drawing || view.zooming || Math.abs(view.level - view.mapWidth) > 0.01

    onStyleChanged: view.map.setStyle(view.style)
    // The visitor went to another screen: the map keeps only the tiles of the view it shows.
    onVisibleChanged: {
        if (!view.visible && view.map)
            view.map.leave();
    }
    onViewportChanged: view.updateView()
    onMapWidthChanged: view.settle()
    onCardOverMapChanged: view.restSeen()
    // Keys follow the drawing of heights and depths: in it when it opens, back on its
    // button when it closes.
    onProfileShownChanged: {
        if (view.profileShown)
            profileDrawing.takeFocus();
        else
            profileButton.forceActiveFocus(Qt.OtherFocusReason);  // its column shows again
    }
    onZoomingChanged: view.settle()
    // A card opening or closing over the map: the labels move out from under it (once the
    // touch that opened it is handled).
    onSeenWidthChanged: Qt.callLater(view.settle)
    onSeenHeightChanged: Qt.callLater(view.settle)
    // Opens on the commune once the frame has its size, and again if the size changes
    // before anyone has touched the map.
    onFrameReadyChanged: view.open()
    onBaseWidthChanged: view.open()

    function open(): void {
        if (view.frameReady && !view.touched)
            view.resetAtOnce();
    }
    Component.onCompleted: view.map.setStyle(view.style)

    // A card opened from elsewhere (a link, the profile): bring its marker into view, alone.
    // The map goes back to where the visitor left it when the card closes.
    function reveal(): void {
        const id = view.kiosk.detail;
        // Not a marker, or hidden with its layer: nothing to show.
        if (view.profileShown || view.zooming || view.level <= 0 || view.map.holderOf(id).length === 0)
            return;
        const place = view.map.placeOf(id);
        let box = [];
        if (place.length === 2) {
            // Well inside the part a card leaves free (not at its edge, where its neighbours
            // and their names would be under the card): it stays where it is.
            const x = place[0] * view.mapWidth - map.contentX, y = place[1] * view.mapHeight - map.contentY;
            const w = view.seenWidthNow(), h = view.seenHeightNow();
            if (x >= w * 0.2 && x <= w * 0.8 && y >= h * 0.2 && y <= h * 0.8)
                return;
        } else {
            box = view.map.groupBox(view.map.holderOf(id));
            if (box.length !== 4)
                return;
        }
        if (view.before.length === 0)
            view.before = [view.zoom, (map.contentX + map.width / 2) / view.mapWidth, (map.contentY + map.height / 2) / view.mapHeight];
        if (box.length === 4)
            view.zoomOnto(box);
        else
            view.zoomTo(view.zoom, place[0], place[1], view.seenWidth / 2, view.seenHeight / 2);
    }

    function goBack(): void {
        if (view.before.length === 3)
            view.zoomTo(view.before[0], view.before[1], view.before[2], map.width / 2, map.height / 2);
        view.before = [];
    }

    Connections {
        target: view.kiosk
        function onDetailChanged(): void {
            if (view.kiosk.detail.length === 0 || view.kiosk.detail === "profile")
                view.fromProfile = false;
            view.goBack();
            Qt.callLater(view.reveal);
        }
    }
    Connections {
        target: view.map
        // After the layout that a zoom brought (later: not from inside that zoom's own end).
        function onLayoutChanged(): void {
            Qt.callLater(view.reveal);
        }
    }

    // The zoom glides, except in less motion, where it goes there at once.
    ParallelAnimation {
        id: zoomAnimation
        NumberAnimation {
            id: zoomTarget
            target: view
            property: "zoom"
            duration: Theme.lessMotion ? 0 : Theme.transitionMs
            easing.type: Easing.OutCubic
        }
        NumberAnimation {
            id: xTarget
            target: map
            property: "contentX"
            duration: Theme.lessMotion ? 0 : Theme.transitionMs
            easing.type: Easing.OutCubic
        }
        NumberAnimation {
            id: yTarget
            target: map
            property: "contentY"
            duration: Theme.lessMotion ? 0 : Theme.transitionMs
            easing.type: Easing.OutCubic
        }
    }

    // The map: left of the layers (landscape), or above them (portrait).
    Item {
        id: frame
        x: Theme.margin
        y: 0
        width: view.portrait ? view.width - Theme.margin * 2 : side.x - Theme.gutter - x
        height: view.portrait ? side.y - Theme.gutter : view.height - Theme.spacing

        Rectangle {
            anchors.fill: parent
            color: Theme.surface
        }

        Flickable {
            id: map
            objectName: "mapFlick"
            anchors.fill: parent
            contentWidth: view.mapWidth
            contentHeight: view.mapHeight
            boundsBehavior: Flickable.StopAtBounds
            pixelAligned: true
            clip: true
            Accessible.role: Accessible.Pane
            Accessible.name: view.kiosk.ui.map_view
            onDraggingChanged: {
                view.before = [];
                view.touched = true;
            }
            onMovementEnded: view.restSeen()

            // The layers and background, as tiles drawn for `level`; while a zoom is under
            // way they are scaled, and the previous zoom's tiles stay under the new ones
            // until these are drawn. Labels are see-through tiles over them, shown only at
            // the size they were drawn for: they leave while the map is scaled.
            Repeater {
                model: view.map.tileModel

                Image {
                    id: tile
                    required property string key
                    required property real level
                    required property int column
                    required property int row
                    required property bool front
                    required property bool ready
                    required property bool shown
                    required property bool labels
                    required property int labelsX
                    required property int labelsY
                    readonly property real factor: view.mapWidth / tile.level

                    x: tile.column * view.map.tileSize * tile.factor
                    y: tile.row * view.map.tileSize * tile.factor
                    z: tile.front ? 1 : 0
                    scale: Math.abs(tile.factor - 1) < 1e-4 ? 1 : tile.factor
                    transformOrigin: Item.TopLeft
                    visible: tile.shown
                    // Drawn by the controller in its own time; then shown from its cache at once.
                    source: tile.ready ? tile.key : ""
                    cache: false
                    smooth: !view.zooming

                    Image {
                        objectName: "mapLabels"
                        x: tile.labelsX
                        y: tile.labelsY
                        visible: tile.labels && tile.scale === 1
                        source: tile.ready && tile.labels ? tile.key + "/labels" : ""
                        cache: false
                    }
                }
            }

            // The markers for a screen reader (they are drawn in the tiles): one invisible
            // item over each marker of a layer that is on, read by its name and opened by
            // its action, as a touch on the marker does.
            Repeater {
                id: spokenMarkers
                model: view.map.markers

                // Keys too: the markers in the part of the map seen take the focus in Tab
                // order (the ring round the marker); the arrows go to the nearest marker that
                // way, bringing it into view, and on to the buttons where there is none.
                Item {
                    id: spoken
                    required property var modelData
                    objectName: "spokenMarker-" + spoken.modelData.id
                    visible: !view.isHidden(spoken.modelData.kind)
                    x: spoken.modelData.x * view.mapWidth - width / 2
                    y: spoken.modelData.y * view.mapHeight - height / 2
                    width: view.markerSize
                    height: view.markerSize
                    activeFocusOnTab: !view.cardOverMap && view.inSeen(spoken.modelData.x, spoken.modelData.y)
                    Accessible.role: Accessible.Button
                    Accessible.name: [spoken.modelData.title,
                        spoken.modelData.here ? view.kiosk.ui.you_are_here : "",
                        spoken.modelData.approximate ? view.kiosk.ui.approximate_short : ""].filter(part => part.length > 0).join(", ")
                    Accessible.onPressAction: view.kiosk.openDetail(spoken.modelData.id)
                    Keys.onReturnPressed: view.kiosk.openDetail(spoken.modelData.id)
                    Keys.onEnterPressed: view.kiosk.openDetail(spoken.modelData.id)
                    Keys.onSpacePressed: view.kiosk.openDetail(spoken.modelData.id)
                    Keys.onLeftPressed: event => event.accepted = view.focusMarkerToward(spoken.modelData, -1, 0)
                    Keys.onRightPressed: event => event.accepted = view.focusMarkerToward(spoken.modelData, 1, 0)
                    Keys.onUpPressed: event => event.accepted = view.focusMarkerToward(spoken.modelData, 0, -1)
                    Keys.onDownPressed: event => event.accepted = view.focusMarkerToward(spoken.modelData, 0, 1)
                    onActiveFocusChanged: {
                        if (spoken.activeFocus)
                            view.showMarker(spoken.modelData.x, spoken.modelData.y);
                    }

                    FocusRing {
                        targetRadius: spoken.width / 2
                    }
                }
            }

            // The opened marker, ringed (the markers themselves are in the tiles).
            Rectangle {
                objectName: "selectedRing"
                readonly property var place: view.map.layout >= 0 ? view.map.placeOf(view.kiosk.detail) : []
                z: 2
                visible: place.length === 2 && !view.zooming
                x: (place[0] ?? 0) * view.mapWidth - width / 2
                y: (place[1] ?? 0) * view.mapHeight - height / 2
                // Tight around the symbol, clear of its label.
                width: view.markerSize + Theme.borderWidth * 4
                height: width
                radius: width / 2
                color: "transparent"
                border.width: Theme.borderWidth * 1.5
                border.color: Theme.text
            }

            // One handler for every marker: a touch goes to the nearest marker or bubble
            // within reach, so close markers each keep a fair share of the glass.
            TapHandler {
                onTapped: eventPoint => {
                    if (view.zooming)
                        return;
                    const id = view.map.nearestMarker(eventPoint.position.x / view.mapWidth,
                        eventPoint.position.y / view.mapHeight, Theme.touchTarget * 0.75);
                    const box = view.map.groupBox(id);
                    if (box.length === 4) {
                        view.before = [];
                        view.touched = true;
                        view.map.noteZoom(1, 2);  // onto the group: at least twice closer
                        view.zoomOnto(box);
                    } else if (id.length > 0) {
                        view.kiosk.openDetail(id);
                    }
                }
                onDoubleTapped: eventPoint => {
                    view.before = [];
                    view.touched = true;
                    view.map.noteZoom(view.zoom, Math.min(view.maxZoom, view.zoom * 2));
                    view.zoomAt(2, eventPoint.position.x - map.contentX, eventPoint.position.y - map.contentY);
                }
            }
            PinchHandler {
                id: pinch
                property real startZoom: 1
                property real ax: 0
                property real ay: 0

                target: null
                grabPermissions: PointerHandler.CanTakeOverFromAnything
                onActiveChanged: {
                    if (pinch.active) {
                        view.before = [];
                        view.touched = true;
                        const p = map.mapFromItem(null, pinch.centroid.scenePosition.x, pinch.centroid.scenePosition.y);
                        map.cancelFlick();
                        zoomAnimation.stop();
                        pinch.startZoom = view.zoom;
                        pinch.ax = (map.contentX + p.x) / view.mapWidth;
                        pinch.ay = (map.contentY + p.y) / view.mapHeight;
                    } else {
                        view.map.noteZoom(pinch.startZoom, view.zoom);
                    }
                }
                onActiveScaleChanged: {
                    if (!pinch.active)
                        return;
                    const p = map.mapFromItem(null, pinch.centroid.scenePosition.x, pinch.centroid.scenePosition.y);
                    view.zoom = Math.max(view.minZoom, Math.min(view.maxZoom, pinch.startZoom * pinch.activeScale));
                    map.contentX = view.clampX(pinch.ax * view.mapWidth - p.x, view.mapWidth);
                    map.contentY = view.clampY(pinch.ay * view.mapHeight - p.y, view.mapHeight);
                }
            }
        }
    }

    // Over the map, in the part a card leaves free: north, the scale, and + and − to zoom.
    Item {
        id: furniture
        x: frame.x
        y: frame.y
        width: view.seenWidth
        height: view.seenHeight
        visible: !view.profileShown

        // North is up: the arrow says so (the map is drawn north up at every zoom).
        Rectangle {
            id: northArrow
            objectName: "northArrow"
            anchors.top: parent.top
            anchors.right: parent.right
            anchors.margins: Theme.spacing
            width: Theme.touchTarget
            height: width
            radius: width / 2
            color: Theme.surfaceRaised
            border.width: Theme.borderWidth
            border.color: Theme.divider
            Accessible.role: Accessible.StaticText
            Accessible.name: view.kiosk.ui.north

            Shape {
                id: arrow
                anchors.horizontalCenter: parent.horizontalCenter
                y: Math.round(parent.height * 0.12)
                width: Math.round(parent.width * 0.3)
                height: Math.round(parent.height * 0.3)
                preferredRendererType: Shape.SoftwareRenderer
                ShapePath {
                    fillColor: Theme.accent
                    strokeColor: "transparent"
                    startX: 0
                    startY: arrow.height
                    PathLine { x: arrow.width / 2; y: 0 }
                    PathLine { x: arrow.width; y: arrow.height }
                    PathLine { x: arrow.width / 2; y: arrow.height * 0.75 }
                    PathLine { x: 0; y: arrow.height }
                }
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: parent.height * 0.1
                text: "N"
                textFormat: Text.PlainText
                color: Theme.text
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.Bold
            }
        }

        // A scale bar that redraws with the zoom: a round length (1, 2 or 5 times a power
        // of ten metres) at most a quarter of the map's width.
        Rectangle {
            id: scale
            readonly property real metresPerPixel: view.map.widthMetres / Math.max(1, view.mapWidth)
            readonly property real most: Math.max(1, parent.width * 0.25 * scale.metresPerPixel)
            readonly property real power: Math.pow(10, Math.floor(Math.log(scale.most) / Math.LN10))
            readonly property real metres: [5, 2, 1].map(k => k * scale.power).find(m => m <= scale.most) ?? scale.power
            readonly property real barWidth: scale.metres / scale.metresPerPixel

            objectName: "scaleBar"
            Accessible.role: Accessible.StaticText
            Accessible.name: scaleLabel.text
            anchors.left: parent.left
            anchors.bottom: parent.bottom
            anchors.margins: Theme.spacing
            width: Math.max(scale.barWidth, scaleLabel.implicitWidth) + Theme.spacing * 2
            height: scaleLabel.implicitHeight + Theme.spacing * 2 + bar.height
            radius: Theme.radius / 2
            color: Theme.surfaceRaised

            Text {
                id: scaleLabel
                objectName: "scaleLabel"
                x: Theme.spacing
                y: Theme.spacing / 2
                text: scale.metres >= 1000 ? Math.round(scale.metres / 1000) + "\u00a0km" : Math.round(scale.metres) + "\u00a0m"
                textFormat: Text.PlainText
                color: Theme.text
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
            }
            // The bar, with ticks up at both ends.
            Item {
                id: bar
                x: Theme.spacing
                anchors.bottom: parent.bottom
                anchors.bottomMargin: Theme.spacing
                width: scale.barWidth
                height: Math.round(14 * Theme.scale)
                Rectangle {
                    anchors.bottom: parent.bottom
                    width: parent.width
                    height: Theme.borderWidth
                    color: Theme.text
                }
                Rectangle {
                    width: Theme.borderWidth
                    height: parent.height
                    color: Theme.text
                }
                Rectangle {
                    anchors.right: parent.right
                    width: Theme.borderWidth
                    height: parent.height
                    color: Theme.text
                }
            }
        }

        Column {
            id: zoomButtons
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.spacing
            spacing: Theme.spacing
            // Faint, and deaf to touches, at the closest and the farthest zoom.
            KioskButton {
                id: zoomIn
                objectName: "zoomIn"
                width: Theme.touchTarget
                enabled: view.zoomHeading < view.maxZoom - 1e-3
                opacity: zoomIn.enabled ? 1 : 0.4
                text: "+"
                Accessible.name: view.kiosk.ui.zoom_in
                onClicked: view.zoomBy(2)
            }
            KioskButton {
                id: zoomOut
                objectName: "zoomOut"
                width: Theme.touchTarget
                enabled: view.zoomHeading > view.minZoom + 1e-3
                opacity: zoomOut.enabled ? 1 : 0.4
                text: "−"
                Accessible.name: view.kiosk.ui.zoom_out
                onClicked: view.zoomBy(0.5)
            }
        }
    }

    // -- layers, profile, reset: a column right of the map, or rows under it (portrait) --
    // (larger text on a wide screen: the column scrolls when taller than the page)
    Flickable {
        id: side
        objectName: "mapSide"
        visible: !view.profileShown && !view.cardOverMap
        x: view.portrait ? Theme.margin : view.width - Theme.margin - width
        y: view.portrait ? view.height - height - Theme.spacing : 0
        // A little more than a quarter of the page, or as wide as the widest layer's button
        // (larger text on a narrow page), up to 45 %.
        width: view.portrait ? view.width - Theme.margin * 2
            : Math.round(Math.max(view.width * 0.27, Math.min(view.width * 0.45, side.widestLayer)))
        readonly property real widestLayer: {
            let widest = 0;
            for (let i = 0; i < layerButtons.count; ++i)
                widest = Math.max(widest, (layerButtons.itemAt(i) as KioskButton)?.implicitWidth ?? 0);
            return widest;
        }
        height: view.portrait ? sideColumn.height : Math.min(sideColumn.height, view.height - Theme.spacing)
        contentWidth: width
        contentHeight: sideColumn.height
        interactive: contentHeight > height + 1
        clip: interactive
        boundsBehavior: Flickable.StopAtBounds

        Column {
            id: sideColumn
            width: side.width
            spacing: Theme.spacing

            Text {
                width: parent.width
                text: view.kiosk.ui.layers
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
            }
            Flow {
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    id: layerButtons
                    // Each marker layer shows its symbol's shape (the legend, not colour
                    // alone), filled when on and hollow when off.
                    model: [
                        { "id": "terril", "title": view.kiosk.ui.terrils, "colour": Theme.terril, "on": "▲", "off": "△" },
                        { "id": "shaft", "title": view.kiosk.ui.shafts, "colour": Theme.accent, "on": "■", "off": "□" },
                        { "id": "place", "title": view.kiosk.ui.places, "colour": Theme.sky }
                    ].concat(view.map.layers)
                    KioskButton {
                        required property var modelData
                        readonly property bool off: view.isHidden(modelData.id)
                        objectName: "layer-" + modelData.id
                        width: Math.min(implicitWidth, side.width)
                        text: (off ? modelData.off ?? "○" : modelData.on ?? "●") + "  " + modelData.title
                        Accessible.role: Accessible.CheckBox
                        Accessible.checkable: true
                        Accessible.checked: !off
                        Accessible.name: modelData.title
                        ink: off ? Theme.textMuted : Theme.text
                        border.color: off ? Theme.divider : modelData.colour
                        onClicked: view.map.toggleLayer(modelData.id)
                    }
                }
            }
            Flow {
                width: parent.width
                spacing: Theme.spacing
                KioskButton {
                    id: profileButton
                    objectName: "profileButton"
                    width: Math.min(implicitWidth, side.width)
                    primary: true
                    text: view.kiosk.ui.profile
                    onClicked: view.kiosk.openDetail("profile")
                }
                KioskButton {
                    objectName: "resetButton"
                    width: Math.min(implicitWidth, side.width)
                    text: "↻  " + view.kiosk.ui.reset
                    onClicked: {
                        view.before = [];
                        view.reset();
                    }
                }
            }
            Text {
                width: parent.width
                text: view.kiosk.ui.map_note
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.italic: true
            }
        }
    }
    MoreBelow {
        visible: side.visible
        flick: side
        ground: Theme.background
    }

    // The profile takes the map's place and the side panel's, but for a card opened from it.
    // Where the page is very low (every mode on a small screen: the reach band leaves a slit)
    // the drawing keeps the height it needs and scrolls.
    Flickable {
        id: profileFlick
        objectName: "mapProfileFlick"
        x: frame.x
        y: frame.y
        height: view.height - Theme.spacing
        width: view.cardShown && !view.portrait ? frame.width : view.width - frame.x - Theme.margin
        visible: view.profileShown
        contentWidth: width
        contentHeight: profileDrawing.height
        interactive: contentHeight > height + 1
        clip: interactive
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick

        MapProfile {
            id: profileDrawing
            objectName: "mapProfile"
            width: profileFlick.width
            height: Math.max(profileFlick.height, profileDrawing.leastHeight)
            upright: profileFlick.height > profileFlick.width || profileDrawing.crowded
            // Scrolled, the drawing goes through a texture: the software scene graph does
            // not clip a Shape drawn by its own painter, and the cones would cross the footer.
            layer.enabled: profileFlick.interactive
            kiosk: view.kiosk
            items: view.map.profile
            // A card opened from the profile keeps the profile behind it.
            onOpened: markerId => {
                view.fromProfile = true;
                view.kiosk.openDetail(markerId);
            }
            onClosed: {
                view.fromProfile = false;
                view.kiosk.closeDetail();
            }
        }
    }
    MoreBelow {
        visible: profileFlick.visible
        flick: profileFlick
        ground: Theme.surface
    }

    // Right of the map, or (portrait) a sheet over the bottom half, the map in view above it.
    MarkerCard {
        id: card
        objectName: "markerCard"
        x: view.width - Theme.margin - width
        y: view.portrait ? view.height - height - Theme.spacing : 0
        width: view.portrait ? view.width - Theme.margin * 2 : Math.round(view.width * 0.27) + Theme.margin
        height: view.portrait ? Math.round(view.height * 0.52) : view.height - Theme.spacing
        visible: view.cardShown && view.kiosk.detail !== "profile"
        kiosk: view.kiosk
        audio: view.audio
        marker: view.marker
        // Back where the card was opened from: the profile, or the map.
        onClosed: {
            if (view.fromProfile)
                view.kiosk.openDetail("profile");
            else
                view.kiosk.closeDetail();
        }
    }
}
