pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk

// The terrils and shafts on a map drawn by the kiosk from vector layers (no tiles, no
// network). Drag to pan, pinch or double-tap to zoom, tap a marker for its card; layers
// switch on and off; the profile shows heights and depths to scale.
Item {
    id: view

    required property var kiosk
    required property var section
    readonly property var map: view.section.controller
    readonly property var marker: view.kiosk.detail.length > 0 ? view.map.markerAt(view.kiosk.detail, view.kiosk.language) : ({})
    // The profile is a detail of its own, so any move (or the visitor leaving) closes it.
    readonly property bool profileShown: view.kiosk.detail === "profile" || view.fromProfile
    property bool fromProfile: false
    readonly property bool cardShown: (view.marker.id ?? "").length > 0

    property real zoom: 1.0
    readonly property real minZoom: 1.0
    readonly property real maxZoom: 8.0
    // The map at zoom 1 fits the frame; at zoom z it is z times larger.
    readonly property real baseWidth: Math.min(frame.width, frame.height / view.map.aspect)
    readonly property real mapWidth: view.baseWidth * view.zoom
    readonly property real mapHeight: view.baseWidth * view.map.aspect * view.zoom
    property var hidden: ({})
    property bool opened: false
    property var labels: []
    readonly property real markerSize: Math.round(30 * Theme.scale)

    function zoomAt(factor: real, localX: real, localY: real): void {
        const ax = (map.contentX + localX) / view.mapWidth;
        const ay = (map.contentY + localY) / view.mapHeight;
        view.zoom = Math.max(view.minZoom, Math.min(view.maxZoom, view.zoom * factor));
        view.placeAnchor(ax, ay, localX, localY);
    }

    function placeAnchor(ax: real, ay: real, localX: real, localY: real): void {
        map.contentX = Math.max(0, Math.min(view.mapWidth - map.width, ax * view.mapWidth - localX));
        map.contentY = Math.max(0, Math.min(view.mapHeight - map.height, ay * view.mapHeight - localY));
    }

    // Back to the opening view: the commune and its markers filling the frame.
    function reset(): void {
        const f = view.map.focus;
        view.zoom = Math.max(view.minZoom, Math.min(view.maxZoom,
            Math.min(map.width / (f.width * view.baseWidth), map.height / (f.height * view.baseWidth * view.map.aspect))));
        view.placeAnchor(f.x + f.width / 2, f.y + f.height / 2, map.width / 2, map.height / 2);
    }

    function toggle(id: string): void {
        const next = Object.assign({}, view.hidden);
        next[id] = !next[id];
        view.hidden = next;
    }

    objectName: "mapView"

    onMapWidthChanged: labelTimer.restart()
    // Which part of the map is in view, in steps of an eighth of the frame: markers near it
    // are kept in the model as the map moves.
    readonly property string viewport: [Math.floor(map.contentX / Math.max(1, map.width / 8)),
        Math.floor(map.contentY / Math.max(1, map.height / 8)), Math.round(view.zoom * 20)].join(",")
    onViewportChanged: view.updateViewport()

    function updateViewport(): void {
        const marginX = map.width / 4, marginY = map.height / 4;
        view.map.setViewport((map.contentX - marginX) / view.mapWidth, (map.contentY - marginY) / view.mapHeight,
            (map.contentX + map.width + marginX) / view.mapWidth, (map.contentY + map.height + marginY) / view.mapHeight);
    }
    Connections {
        target: view.kiosk
        function onDetailChanged(): void {
            if (view.kiosk.detail.length === 0)
                view.fromProfile = false;
        }
    }
    onBaseWidthChanged: {
        if (view.baseWidth > 0 && !view.opened) {
            view.opened = true;
            view.reset();
        }
    }
    Component.onCompleted: labelTimer.restart()

    // Labels are re-placed once the zoom rests, so they never overlap.
    Timer {
        id: labelTimer
        interval: 60
        onTriggered: view.labels = view.map.visibleLabels(view.mapWidth, view.mapHeight,
            Theme.fontSmall * 0.55, Theme.fontSmall * 1.5)
    }

    Item {
        id: frame
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.right: side.left
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.gutter
        anchors.bottomMargin: Theme.spacing

        Rectangle {
            anchors.fill: parent
            radius: Theme.radius
            color: Theme.surface
        }

        Flickable {
            id: map
            objectName: "mapFlick"
            anchors.fill: parent
            contentWidth: Math.max(width, view.mapWidth)
            contentHeight: Math.max(height, view.mapHeight)
            boundsBehavior: Flickable.StopAtBounds
            clip: true

            // Layers, drawn at zoom 1 and scaled: nothing is recomputed while pinching.
            Item {
                width: view.baseWidth
                height: view.baseWidth * view.map.aspect
                transformOrigin: Item.TopLeft
                scale: view.zoom

                Repeater {
                    model: view.map.layers

                    Item {
                        id: layer
                        required property var modelData
                        anchors.fill: parent
                        visible: !view.hidden[layer.modelData.id]

                        Repeater {
                            model: layer.modelData.rings

                            Shape {
                                id: ring
                                required property var modelData
                                anchors.fill: parent
                                preferredRendererType: Shape.SoftwareRenderer
                                ShapePath {
                                    // Opaque (pre-blended with the map's ground): far cheaper to fill than a translucent colour.
                                    fillColor: Qt.tint(Theme.surface, Qt.alpha(layer.modelData.colour, 0.18))
                                    strokeColor: layer.modelData.colour
                                    strokeWidth: Math.max(1, 3 * Theme.scale) / view.zoom
                                    PathPolyline {
                                        path: ring.modelData.map(p => Qt.point(p.x * view.baseWidth, p.y * view.baseWidth * view.map.aspect))
                                    }
                                }
                            }
                        }
                    }
                }
            }

            // Markers keep their size and stay touchable (at least Theme.touchTarget). Only
            // those near the view get a delegate (see viewport).
            Repeater {
                model: view.map.markerModel

                Item {
                    id: pin
                    required property var model
                    readonly property var modelData: pin.model
                    objectName: "marker-" + pin.modelData.id
                    visible: !view.hidden[pin.modelData.kind]
                    x: pin.modelData.x * view.mapWidth - width / 2
                    y: pin.modelData.y * view.mapHeight - height / 2
                    width: Theme.touchTarget
                    height: Theme.touchTarget
                    z: view.kiosk.detail === pin.modelData.id ? 2 : 1

                    Accessible.role: Accessible.Button
                    Accessible.name: pin.modelData.title

                    Rectangle {
                        visible: pin.modelData.here
                        anchors.centerIn: parent
                        width: view.markerSize * 2
                        height: width
                        radius: width / 2
                        color: "transparent"
                        border.width: Theme.borderWidth
                        border.color: Theme.accent
                    }
                    Rectangle {
                        anchors.centerIn: parent
                        width: view.markerSize
                        height: width
                        radius: pin.modelData.kind === "shaft" ? 2 : width / 2
                        rotation: pin.modelData.kind === "shaft" ? 45 : 0
                        color: pin.modelData.kind === "terril" ? Theme.terril : pin.modelData.kind === "shaft" ? Theme.accent : Theme.sky
                        border.width: view.kiosk.detail === pin.modelData.id ? Theme.borderWidth * 2 : Theme.borderWidth
                        border.color: view.kiosk.detail === pin.modelData.id ? Theme.text : Theme.background
                    }
                    Text {
                        visible: view.labels.indexOf(pin.modelData.id) >= 0 || pin.modelData.here
                        x: parent.width / 2 + view.markerSize * 0.7
                        anchors.verticalCenter: parent.verticalCenter
                        text: pin.modelData.here ? pin.modelData.title + " · " + view.kiosk.ui.you_are_here : pin.modelData.title
                        textFormat: Text.PlainText
                        color: Theme.text
                        style: Text.Outline
                        styleColor: Theme.background
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        font.italic: pin.modelData.approximate
                    }
                }
            }

            // One handler for every marker: a touch goes to the nearest marker within half a
            // touch target, so close markers each keep a fair share of the glass.
            TapHandler {
                onTapped: eventPoint => {
                    const hiddenKinds = ["terril", "shaft", "place"].filter(kind => view.hidden[kind]);
                    const id = view.map.nearestMarker(eventPoint.position.x / view.mapWidth, eventPoint.position.y / view.mapHeight,
                        view.mapWidth, view.mapHeight, Theme.touchTarget * 0.75, hiddenKinds);
                    if (id.length > 0)
                        view.kiosk.openDetail(id);
                }
                onDoubleTapped: eventPoint => view.zoomAt(2, eventPoint.position.x - map.contentX, eventPoint.position.y - map.contentY)
            }
            PinchHandler {
                id: pinch
                target: null
                grabPermissions: PointerHandler.CanTakeOverFromAnything
                property real startZoom: 1
                property real ax: 0
                property real ay: 0
                onActiveChanged: {
                    if (pinch.active) {
                        const p = map.mapFromItem(null, pinch.centroid.scenePosition.x, pinch.centroid.scenePosition.y);
                        pinch.startZoom = view.zoom;
                        pinch.ax = (map.contentX + p.x) / view.mapWidth;
                        pinch.ay = (map.contentY + p.y) / view.mapHeight;
                    }
                }
                onActiveScaleChanged: {
                    if (!pinch.active)
                        return;
                    const p = map.mapFromItem(null, pinch.centroid.scenePosition.x, pinch.centroid.scenePosition.y);
                    view.zoom = Math.max(view.minZoom, Math.min(view.maxZoom, pinch.startZoom * pinch.activeScale));
                    view.placeAnchor(pinch.ax, pinch.ay, p.x, p.y);
                }
            }
        }
    }

    // -- layers, profile, reset --
    Column {
        id: side
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.rightMargin: Theme.margin
        width: Math.round(parent.width * 0.27)
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
                model: [
                    { "id": "terril", "title": view.kiosk.ui.terrils, "colour": Theme.terril },
                    { "id": "shaft", "title": view.kiosk.ui.shafts, "colour": Theme.accent },
                    { "id": "place", "title": view.kiosk.ui.places, "colour": Theme.sky }
                ].concat(view.map.layers)
                KioskButton {
                    required property var modelData
                    objectName: "layer-" + modelData.id
                    text: (view.hidden[modelData.id] ? "○  " : "●  ") + modelData.title
                    ink: view.hidden[modelData.id] ? Theme.textMuted : Theme.text
                    border.color: view.hidden[modelData.id] ? Theme.divider : modelData.colour
                    onClicked: view.toggle(modelData.id)
                }
            }
        }
        KioskButton {
            objectName: "profileButton"
            primary: !view.profileShown
            text: view.profileShown ? view.kiosk.ui.map : view.kiosk.ui.profile
            onClicked: {
                view.fromProfile = false;
                if (view.profileShown)
                    view.kiosk.closeDetail();
                else
                    view.kiosk.openDetail("profile");
            }
        }
        KioskButton {
            objectName: "resetButton"
            text: "↻  " + view.kiosk.ui.reset
            onClicked: view.reset()
        }
        Text {
            objectName: "mapCredits"
            width: parent.width
            text: [...new Set(view.map.layers.map(layer => layer.credit).filter(credit => credit.length > 0))].join("\n")
            textFormat: Text.PlainText
            visible: text.length > 0
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
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

    MapProfile {
        objectName: "mapProfile"
        anchors.fill: frame
        visible: view.profileShown
        kiosk: view.kiosk
        items: view.map.profile
        // A card opened from the profile keeps the profile behind it.
        onOpened: markerId => {
            view.fromProfile = true;
            view.kiosk.openDetail(markerId);
        }
    }

    MarkerCard {
        objectName: "markerCard"
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.spacing
        width: side.width + Theme.margin
        visible: view.cardShown && view.kiosk.detail !== "profile"
        kiosk: view.kiosk
        marker: view.marker
    }
}
