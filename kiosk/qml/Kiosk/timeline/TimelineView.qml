pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The town's trajectory on a horizontal, touchable time axis: era chips to jump, a track to
// drag, fling and pinch, event cards in lanes above a year ruler, and a detail card.
Item {
    id: view

    required property var kiosk
    required property var section
    readonly property var timeline: view.section.controller

    // Zoom: 1 = the whole story four screens wide. Pinch changes it within bounds.
    property real zoom: 1.0
    readonly property real minZoom: 0.25
    readonly property real maxZoom: 4.0
    readonly property real screens: 4.0
    readonly property real axisWidth: Math.max(1, track.width * view.screens * view.zoom)
    readonly property real pad: track.width * 0.12
    readonly property real cardWidth: Math.round(330 * Theme.scale)
    readonly property real cardHeight: Math.round(118 * Theme.scale)
    readonly property real laneHeight: view.cardHeight + Theme.spacing
    readonly property int laneCount: Math.max(1, Math.floor((track.height - view.rulerHeight - Theme.gutter) / view.laneHeight))
    readonly property real rulerHeight: Math.round(96 * Theme.scale)
    readonly property real axisY: track.height - view.rulerHeight
    // The open event, from the kiosk's detail ("" when the card is closed).
    readonly property int openIndex: view.timeline.indexOf(view.kiosk.detail)
    // Which thirty-second of a screen the view is in: the events near it are kept in the
    // models, so delegates are made a few at a time as the track moves. During a fast fling
    // that is a little at every frame rather than a lot at some: frames stay even.
    readonly property int chunk: Math.floor(track.contentX / Math.max(1, track.width / 32))
    // The stretch of the track (content x) where it last came to rest: the cards there show
    // their thumbnails.
    property real restLeft: 0
    property real restRight: 0

    function xOf(position: real): real {
        return view.pad + position * view.axisWidth;
    }

    function scrollTo(position: real, animated: bool): void {
        const target = Math.max(0, Math.min(track.contentWidth - track.width, view.xOf(position) - track.width / 2));
        if (animated) {
            scroller.to = target;
            scroller.restart();
        } else {
            track.contentX = target;
        }
    }

    function step(direction: int): void {
        const centre = (track.contentX + track.width / 2 - view.pad) / view.axisWidth;
        let index = view.timeline.nearestIndex(centre);
        const here = view.timeline.positionOf(index);
        if (direction > 0 && here <= centre + 0.0001)
            index += 1;
        else if (direction < 0 && here >= centre - 0.0001)
            index -= 1;
        index = Math.max(0, Math.min(view.timeline.count - 1, index));
        view.scrollTo(view.timeline.positionOf(index), true);
    }

    // What lies within half a screen of the view has its delegates.
    function updateWindow(): void {
        const low = (track.contentX - track.width / 2 - view.pad) / view.axisWidth;
        const high = (track.contentX + 1.5 * track.width - view.pad) / view.axisWidth;
        view.timeline.setWindow(low, high);
    }

    function rest(): void {
        view.restLeft = track.contentX;
        view.restRight = track.contentX + track.width;
    }

    objectName: "timelineView"

    onChunkChanged: {
        view.updateWindow();
        restTimer.restart();
    }
    onAxisWidthChanged: geometryTimer.restart()
    onOpenIndexChanged: {
        if (view.openIndex >= 0)
            view.scrollTo(view.timeline.positionOf(view.openIndex), true);
    }
    Component.onCompleted: {
        if (track.width > 0)
            view.timeline.setGeometry(view.axisWidth, view.cardWidth + Theme.spacing, Math.round(110 * Theme.scale), view.laneCount);
        view.updateWindow();
        if (view.openIndex >= 0)
            view.scrollTo(view.timeline.positionOf(view.openIndex), false);
        view.rest();
    }

    // Lanes and ruler follow the zoom once the fingers rest, not at every frame of a pinch.
    Timer {
        id: geometryTimer
        interval: 80
        onTriggered: {
            view.timeline.setGeometry(view.axisWidth, view.cardWidth + Theme.spacing, Math.round(110 * Theme.scale), view.laneCount);
            view.updateWindow();
            view.rest();
        }
    }
    // The track rests when it has not moved on to another chunk for a moment
    // (an animated jump, a pinch) or when a drag or fling ends.
    Timer {
        id: restTimer
        interval: 150
        onTriggered: {
            if (!track.moving)
                view.rest();
        }
    }

    NumberAnimation {
        id: scroller
        target: track
        property: "contentX"
        duration: 450
        easing.type: Easing.OutCubic
    }

    // -- era chips and arrows --
    Row {
        id: chips
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        spacing: Theme.spacing

        Repeater {
            model: view.timeline.eraModel

            KioskButton {
                required property int eraIndex
                required property string eraId
                required property string title
                required property string colour
                required property real startPosition

                objectName: "eraChip-" + eraId
                text: title
                fill: Theme.surface
                border.color: colour
                onClicked: view.scrollTo(startPosition + 0.0001, true)
            }
        }
    }
    Row {
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing

        KioskButton {
            objectName: "earlierButton"
            text: "‹  " + view.kiosk.ui.earlier
            onClicked: view.step(-1)
        }
        KioskButton {
            objectName: "laterButton"
            text: view.kiosk.ui.later + "  ›"
            onClicked: view.step(1)
        }
    }

    // -- the track --
    Flickable {
        id: track
        objectName: "timelineTrack"
        anchors.top: chips.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.gutter
        contentWidth: view.axisWidth + view.pad * 2
        contentHeight: height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        maximumFlickVelocity: 6000 * Theme.scale
        clip: true
        // Whole pixels: everything on the track is placed at whole pixels too, so the
        // software renderer copies pictures and glyphs instead of resampling them, and each
        // frame costs about the same as the last.
        pixelAligned: true
        onMovementEnded: view.rest()

        // Eras: coloured bands with their name.
        Repeater {
            model: view.timeline.eraModel

            Rectangle {
                id: band
                required property string title
                required property string colour
                required property real startPosition
                required property real endPosition
                required property string illustration

                x: Math.round(view.xOf(band.startPosition))
                width: Math.round(view.xOf(band.endPosition)) - band.x
                height: track.height
                color: Qt.alpha(band.colour, 0.10)

                Rectangle {
                    width: Math.max(2, Math.round(3 * Theme.scale))
                    height: parent.height
                    color: Qt.alpha(band.colour, 0.6)
                }
                Text {
                    anchors.left: parent.left
                    anchors.bottom: parent.bottom
                    anchors.leftMargin: Theme.spacing
                    anchors.bottomMargin: view.rulerHeight + Theme.spacing
                    width: Math.max(0, parent.width - Theme.gutter)
                    text: band.title
                    textFormat: Text.PlainText
                    color: band.colour
                    elide: Text.ElideRight
                    font.family: Theme.serifFamily
                    font.pixelSize: Theme.fontLead
                    font.weight: Font.Bold
                    opacity: 0.9
                }
            }
        }

        // The axis and its ruler: every mark is at its true place within its era.
        Rectangle {
            x: view.pad
            y: view.axisY - height / 2
            width: view.axisWidth
            height: Math.max(2, Math.round(4 * Theme.scale))
            color: Theme.textMuted
        }
        Repeater {
            model: view.timeline.tickModel

            Item {
                id: tick
                required property real position
                required property string label
                required property bool major

                x: Math.round(view.xOf(tick.position))
                y: view.axisY

                Rectangle {
                    x: -Math.round(width / 2)
                    width: Math.max(2, Math.round((tick.major ? 3 : 2) * Theme.scale))
                    height: Math.round((tick.major ? 28 : 16) * Theme.scale)
                    color: Theme.textMuted
                }
                Text {
                    x: -Math.round(width / 2)
                    y: Math.round(32 * Theme.scale)
                    text: tick.label
                    textFormat: Text.PlainText
                    color: tick.major ? Theme.text : Theme.textMuted
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.weight: tick.major ? Font.Bold : Font.Normal
                }
            }
        }

        // The cards near the view, then the dots (drawn over the stems).
        Repeater {
            model: view.timeline.cardModel

            EventTile {
                x: Math.round(view.xOf(position))
                width: view.cardWidth
                height: view.cardHeight
                laneHeight: view.laneHeight
                selected: eventIndex === view.openIndex
                restLeft: view.restLeft
                restRight: view.restRight
                onActivated: id => view.kiosk.openDetail(id)
            }
        }
        Repeater {
            model: view.timeline.eventModel

            EventMarker {
                x: Math.round(view.xOf(position) - width / 2)
                axisWidth: view.axisWidth
                axisY: view.axisY
                laneHeight: view.laneHeight
                cardHeight: view.cardHeight
            }
        }

        PinchHandler {
            id: pinch
            target: null
            grabPermissions: PointerHandler.CanTakeOverFromAnything
            property real startZoom: 1
            property real anchor: 0
            onActiveChanged: {
                if (pinch.active) {
                    pinch.startZoom = view.zoom;
                    const local = track.mapFromItem(null, pinch.centroid.scenePosition.x, 0).x;
                    pinch.anchor = (track.contentX + local - view.pad) / view.axisWidth;
                }
            }
            onActiveScaleChanged: {
                if (!pinch.active)
                    return;
                view.zoom = Math.max(view.minZoom, Math.min(view.maxZoom, pinch.startZoom * pinch.activeScale));
                const local = track.mapFromItem(null, pinch.centroid.scenePosition.x, 0).x;
                track.contentX = Math.max(0, Math.min(track.contentWidth - track.width, view.xOf(pinch.anchor) - local));
            }
        }
    }

    EventCard {
        objectName: "eventDetail"
        anchors.fill: parent
        kiosk: view.kiosk
        timeline: view.timeline
        index: view.openIndex
    }
}
