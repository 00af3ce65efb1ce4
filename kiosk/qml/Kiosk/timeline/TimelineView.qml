pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The town's trajectory on a horizontal, touchable time axis: era chips to jump, a track to
// drag, fling and pinch, event cards (with their picture) in lanes that fill the height above
// a year ruler, and a detail card. Each era keeps its own scale on the ruler: the axis breaks
// where the scale changes, and under each era its name says how many years one mark is.
Item {
    id: view

    required property KioskController kiosk
    required property SectionItem section
    required property AudioController audio
    readonly property TimelineController timeline: view.section.controller as TimelineController

    // A tall screen: the chips take the whole width and the arrows go under the track.
    readonly property bool portrait: view.height > view.width
    // Zoom: 1 = the whole story five screens wide. Pinch changes it within bounds.
    property real zoom: 1.0
    readonly property real minZoom: 0.25
    readonly property real maxZoom: 4.0
    readonly property real screens: 5.0
    readonly property real axisWidth: Math.max(1, track.width * view.screens * view.zoom)
    readonly property real pad: track.width * 0.12
    // Lanes fill the band between the chips and the ruler at every size: as many lanes of
    // about `laneTarget` as fit, then each stretched to share the band exactly. A tall screen
    // has fewer years across and more height: taller cards, larger pictures.
    // Larger text: lanes and the cards' room for words grow with the text (fewer lanes,
    // the other events a dot until the visitor zooms in), so titles keep their lines.
    readonly property real laneTarget: Math.round((view.portrait ? 160 : 132) * Theme.scale * Theme.textScale)
    readonly property real band: Math.max(view.laneTarget, view.axisY - Theme.spacing)
    readonly property int laneCount: Math.max(1, Math.round((view.band + Theme.spacing) / (view.laneTarget + Theme.spacing)))
    readonly property real cardHeight: Math.floor((view.band + Theme.spacing) / view.laneCount) - Theme.spacing
    readonly property real laneHeight: view.cardHeight + Theme.spacing
    // A card: its picture (4:3, as tall as the card) then its date and title.
    readonly property real pictureWidth: Math.round((view.cardHeight - Theme.spacing) * 4 / 3)
    readonly property real cardWidth: view.pictureWidth + Math.round(320 * Theme.scale * Theme.textScale)
    // The ruler under the axis: marks, their years, then each era's name and scale.
    readonly property real tickLabelY: Math.round(32 * Theme.scale)
    readonly property real eraLabelY: Math.round(78 * Theme.scale)
    readonly property real rulerHeight: Math.round(156 * Theme.scale)
    readonly property real axisY: track.height - view.rulerHeight
    readonly property real breakGap: Math.round(18 * Theme.scale)
    // The open event, from the kiosk's detail ("" when the card is closed).
    readonly property int openIndex: view.timeline.indexOf(view.kiosk.detail)
    // The event last opened: closed, keys come back to its card.
    property int lastOpen: -1
    // Which thirty-second of a screen the view is in: the events near it are kept in the
    // models, so delegates are made a few at a time as the track moves. During a fast fling
    // that is a little at every frame rather than a lot at some: frames stay even.
    readonly property int chunk: Math.floor(track.contentX / Math.max(1, track.width / 32))
    // How far on either side of the view delegates are made ahead, in screens. The first
    // frame needs only what is in view (and a chunk around it: a dot or a year at the edge);
    // the rest comes over the next frames, a little at each, as during a fling.
    property real reach: 1 / 32
    // The era at the centre of the view (its chip is lit), worked out once per chunk.
    readonly property int currentEra: view.timeline.eraAt(((view.chunk + 16) * track.width / 32 - view.pad) / view.axisWidth)
    // The stretch of the track (content x) where it last came to rest: the cards there show
    // their thumbnails.
    property real restLeft: 0
    property real restRight: 0
    // Once an event's card is fully open, the timeline under it is not drawn: the card is the
    // one thing on screen (and nothing is drawn twice under the scrim).
    readonly property bool covered: detail.shown && detail.opacity >= 1

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

    // The Earlier and Later buttons: the strip moves by most of a screen (a little of what
    // was in view stays, to keep one's place), at once in less motion.
    readonly property real stepWidth: Math.round(track.width * 0.8)
    readonly property real maxContentX: Math.max(0, track.contentWidth - track.width)
    // Where the strip is going (an arrow touched twice goes two screens).
    readonly property real heading: scroller.running ? scroller.to : track.contentX
    readonly property bool atStart: view.heading < 1
    readonly property bool atEnd: view.heading > view.maxContentX - 1

    function step(direction: int): void {
        const target = Math.max(0, Math.min(view.maxContentX, view.heading + direction * view.stepWidth));
        track.cancelFlick();
        if (Theme.lessMotion) {
            scroller.stop();
            track.contentX = target;
            restTimer.restart();
        } else {
            scroller.to = target;
            scroller.restart();
        }
    }

    // -- keys: the cards take the focus, Left and Right go from card to card --

    // The card of event `index` wholly in view (the strip moves at once, by the least):
    // called when a card takes the focus, never while the strip moves by itself.
    function bringIntoView(index: int): void {
        const left = view.xOf(view.timeline.positionOf(index)) - Theme.gutter;
        const right = left + view.cardWidth + Theme.gutter * 2;
        let target = track.contentX;
        if (right > target + track.width)
            target = right - track.width;
        if (left < target)
            target = left;
        target = Math.max(0, Math.min(view.maxContentX, target));
        if (Math.abs(target - track.contentX) < 1)
            return;
        scroller.stop();
        track.cancelFlick();
        track.contentX = target;
        view.rest();
    }

    // The focus on the card of event `index`, brought into view first (its delegate is
    // made as the strip moves). False when the event has no card at this zoom.
    function focusEvent(index: int): bool {
        if (index < 0)
            return false;
        view.bringIntoView(index);
        for (let i = 0; i < cardTiles.count; ++i) {
            const tile = cardTiles.itemAt(i) as EventTile;
            if (tile && tile.eventIndex === index) {
                tile.forceActiveFocus(Qt.OtherFocusReason);
                return true;
            }
        }
        return false;
    }

    // What lies within `reach` of the view (half a screen once the page is open) has its delegates.
    function updateWindow(): void {
        const low = (track.contentX - view.reach * track.width - view.pad) / view.axisWidth;
        const high = (track.contentX + (1 + view.reach) * track.width - view.pad) / view.axisWidth;
        view.timeline.setWindow(low, high);
    }

    function rest(): void {
        view.restLeft = track.contentX;
        view.restRight = track.contentX + track.width;
    }

    // Ruler marks and lanes for the axis as it is now, then the delegates near the view.
    function layOut(): void {
        // The chips first (a Flow places its children only when the frame is drawn): the
        // track takes the height they leave.
        chips.forceLayout();
        if (track.width <= 0 || view.axisY <= 0)
            return;
        view.timeline.setGeometry(view.axisWidth, view.cardWidth + Theme.spacing, Math.round(110 * Theme.scale), view.laneCount);
        view.updateWindow();
        // While the page opens, the pictures wait for the track to rest a moment, as after any
        // move: the first frame shows the cards with their frames, and no picture is decoded
        // meanwhile.
        if (view.reach < 0.5) {
            restTimer.restart();
            if (!reaching.running)
                reaching.start();
        } else {
            view.rest();
        }
    }

    // The size changed (the page laid out, the screen turned): the cards follow before the
    // next frame is drawn, so no frame shows the track without them. Once, when every size
    // has followed (the page takes its width, then its height); the frame is drawn after
    // what is queued now. A pinch changes the zoom at every frame: the lanes follow once the
    // fingers rest.
    function relayOut(): void {
        if (pinch.active)
            geometryTimer.restart();
        else
            Qt.callLater(view.layOut);
    }

    objectName: "timelineView"

    onChunkChanged: {
        view.updateWindow();
        restTimer.restart();
    }
    onReachChanged: view.updateWindow()
    onAxisWidthChanged: view.relayOut()
    onLaneCountChanged: view.relayOut()
    onCardWidthChanged: view.relayOut()
    onOpenIndexChanged: {
        if (view.openIndex >= 0) {
            view.lastOpen = view.openIndex;
            view.scrollTo(view.timeline.positionOf(view.openIndex), true);
        } else if (view.lastOpen >= 0 && detail.holdsFocus()) {
            // Closed while keys were in it: the focus goes to the card of the event last
            // shown (else to where the strip now is).
            scroller.stop();
            if (!view.focusEvent(view.lastOpen))
                view.forceActiveFocus(Qt.OtherFocusReason);
        }
    }
    Component.onCompleted: {
        view.timeline.setGrounds([String(Theme.surface), String(Theme.surfaceRaised), String(Theme.background)]);
        view.layOut();
        if (view.openIndex >= 0)
            view.scrollTo(view.timeline.positionOf(view.openIndex), false);
    }

    // Lanes and ruler follow the zoom once the fingers rest, not at every frame of a pinch.
    Timer {
        id: geometryTimer
        interval: 80
        onTriggered: view.layOut()
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

    // The delegates around the view, made over the frames after the first (the page's fade).
    NumberAnimation {
        id: reaching
        target: view
        property: "reach"
        to: 0.5
        duration: Theme.transitionMs
    }

    NumberAnimation {
        id: scroller
        target: track
        property: "contentX"
        duration: 450
        easing.type: Easing.OutCubic
    }

    // -- era chips and arrows --
    // On a tall page the chips wrap under one another across the whole width. On a wide page
    // they stay on one row beside the arrows, and that row scrolls sideways when it is longer
    // than its room (larger text on a short page, as in reach mode on a tall screen): the
    // track keeps the height, not the chips.
    Flickable {
        id: chipRow
        objectName: "eraChipRow"
        visible: !view.covered
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        width: view.portrait ? view.width - Theme.margin * 2 : view.width - Theme.margin * 2 - arrows.width - Theme.gutter
        height: chips.height
        contentWidth: view.portrait ? chipRow.width : chips.childrenRect.width
        contentHeight: chips.height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: chipRow.contentWidth > chipRow.width + 1
        clip: chipRow.interactive

        Flow {
            id: chips
            objectName: "eraChips"
            // One row on a wide page: as wide as the chips need (the row scrolls when they need more).
            width: view.portrait ? chipRow.width : Math.max(chipRow.width, 100000)
            spacing: Theme.spacing

            Repeater {
                model: view.timeline.eraModel

                KioskButton {
                    required property int eraIndex
                    required property string eraId
                    required property string title
                    required property string colour
                    required property real startPosition

                    readonly property bool current: eraIndex === view.currentEra

                    objectName: "eraChip-" + eraId
                    text: title
                    // The era in view is lit with its colour (mixed in: the words stay readable);
                    // in high contrast it is lit like a chosen language, not by its colour alone.
                    fill: !current ? Theme.surface : Theme.highContrast ? Theme.accent : Qt.tint(Theme.surface, Qt.alpha(colour, 0.3))
                    ink: current && Theme.highContrast ? Theme.accentInk : Theme.text
                    border.color: colour
                    Accessible.role: Accessible.Button
                    Accessible.name: title
                    Accessible.description: current ? view.kiosk.ui.era_in_view : ""
                    onClicked: view.scrollTo(startPosition + 0.0001, true)
                    // A chip reached by keys on a row that scrolls is brought into view.
                    onActiveFocusChanged: {
                        if (activeFocus && chipRow.interactive)
                            chipRow.contentX = Math.max(0, Math.min(x, chipRow.contentWidth - chipRow.width));
                    }
                }
            }
        }
    }
    Item {
        id: arrows
        objectName: "timelineArrows"
        visible: !view.covered
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        // Placed by y, not by anchors that swap with the orientation: a swap while the page
        // was being laid out anew (larger text turned on in another language) could leave
        // both anchors set for a moment, and the arrows below the screen.
        y: view.portrait ? view.height - height : 0
        width: view.portrait ? view.width - Theme.margin * 2 : earlier.width + Theme.spacing + later.width
        height: Theme.touchTarget

        // Disabled (faint) at the start and the end of the story.
        KioskButton {
            id: earlier
            objectName: "earlierButton"
            anchors.left: parent.left
            enabled: !view.atStart
            opacity: earlier.enabled ? 1 : 0.4
            text: "‹  " + view.kiosk.ui.earlier
            Accessible.name: view.kiosk.ui.earlier
            onClicked: view.step(-1)
        }
        KioskButton {
            id: later
            objectName: "laterButton"
            anchors.right: parent.right
            enabled: !view.atEnd
            opacity: later.enabled ? 1 : 0.4
            text: view.kiosk.ui.later + "  ›"
            Accessible.name: view.kiosk.ui.later
            onClicked: view.step(1)
        }
    }

    // -- the track --
    Flickable {
        id: track
        objectName: "timelineTrack"
        anchors.top: chipRow.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: view.portrait ? arrows.top : parent.bottom
        anchors.topMargin: Theme.gutter
        anchors.bottomMargin: view.portrait ? Theme.gutter : 0
        contentWidth: view.axisWidth + view.pad * 2
        contentHeight: height
        visible: !view.covered
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        maximumFlickVelocity: 6000 * Theme.scale
        clip: true
        // Whole pixels: everything on the track is placed at whole pixels too, so the
        // software renderer copies pictures and glyphs instead of resampling them, and each
        // frame costs about the same as the last.
        pixelAligned: true
        onMovementEnded: view.rest()
        Accessible.role: Accessible.Pane
        Accessible.name: view.kiosk.ui.timeline_strip

        // Eras: tinted bands, each with its stretch of the axis, and under the ruler its name
        // and scale. Where one era gives way to the next the axis breaks (a gap crossed by two
        // slanted strokes): the years on either side are not spaced alike.
        Repeater {
            model: view.timeline.eraModel

            Rectangle {
                id: band
                required property int eraIndex
                required property string title
                required property string colour
                required property string ink
                required property real startPosition
                required property real endPosition
                required property int tickStep
                required property string illustration

                // What the band looks like: its colour over the page.
                readonly property color ground: Qt.tint(Theme.background, Qt.alpha(band.colour, 0.10))
                readonly property bool first: band.eraIndex === 0
                readonly property bool last: band.eraIndex === view.timeline.eraCount - 1

                x: Math.round(view.xOf(band.startPosition))
                width: Math.round(view.xOf(band.endPosition)) - band.x
                height: track.height
                color: Qt.alpha(band.colour, 0.10)

                // The era's illustration, faint, at its start: where events are few, the band
                // still shows the era. Behind the cards, which are opaque.
                Image {
                    objectName: "eraBackdrop-" + band.eraIndex
                    visible: band.illustration.length > 0
                    x: view.breakGap
                    y: Theme.spacing
                    width: Math.max(0, Math.min(Math.round(height * 4 / 3), band.width - view.breakGap * 2))
                    height: Math.max(0, view.axisY - Theme.spacing * 3)
                    source: band.illustration
                    sourceSize.width: Math.round(height * 4 / 3)
                    sourceSize.height: height
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                    opacity: 0.16
                }
                // Its right and top edges melt into the band.
                Rectangle {
                    visible: band.illustration.length > 0
                    x: view.breakGap + backdropWidth - width
                    y: Theme.spacing
                    width: Math.round(backdropWidth / 3)
                    height: Math.max(0, view.axisY - Theme.spacing * 3)
                    readonly property real backdropWidth: Math.max(0, Math.min(Math.round(height * 4 / 3), band.width - view.breakGap * 2))
                    gradient: Gradient {
                        orientation: Gradient.Horizontal
                        GradientStop { position: 0.0; color: Qt.alpha(band.ground, 0) }
                        GradientStop { position: 1.0; color: band.ground }
                    }
                }
                Rectangle {
                    visible: band.illustration.length > 0
                    x: view.breakGap
                    y: Theme.spacing
                    width: Math.max(0, Math.min(Math.round(height * 4), band.width - view.breakGap * 2))
                    height: Math.round((view.axisY - Theme.spacing * 3) / 4)
                    gradient: Gradient {
                        GradientStop { position: 0.0; color: band.ground }
                        GradientStop { position: 1.0; color: Qt.alpha(band.ground, 0) }
                    }
                }
                Rectangle {
                    width: Math.max(2, Math.round(3 * Theme.scale))
                    height: parent.height
                    color: Qt.alpha(band.colour, 0.6)
                }
                // The era's stretch of the axis, short of the breaks at its ends.
                Rectangle {
                    x: band.first ? 0 : Math.round(view.breakGap / 2)
                    y: view.axisY - Math.round(height / 2)
                    width: band.width - (band.first ? 0 : Math.round(view.breakGap / 2)) - (band.last ? 0 : Math.round(view.breakGap / 2))
                    height: Math.max(2, Math.round(4 * Theme.scale))
                    color: Theme.textMuted
                }
                // The break: two slanted strokes across the gap at the era's start.
                Repeater {
                    model: band.first ? 0 : 2

                    Rectangle {
                        required property int index
                        x: Math.round((index === 0 ? -0.5 : 0.5) * view.breakGap - width / 2)
                        y: view.axisY - Math.round(height / 2)
                        width: Math.max(2, Math.round(4 * Theme.scale))
                        height: Math.round(40 * Theme.scale)
                        rotation: 25
                        antialiasing: true
                        color: Theme.text
                    }
                }
                // Name and scale: they stay in view while the era is, at its left.
                Column {
                    id: eraLabel
                    objectName: "eraScale-" + band.eraIndex
                    x: Math.max(Theme.spacing, Math.min(track.contentX - band.x + Theme.spacing, band.width - eraLabel.width - Theme.spacing))
                    y: view.axisY + view.eraLabelY
                    width: Math.min(Math.max(eraName.implicitWidth, eraScale.implicitWidth), band.width - Theme.spacing * 2)

                    Text {
                        id: eraName
                        width: parent.width
                        text: band.title
                        textFormat: Text.PlainText
                        color: band.ink
                        wrapMode: Text.WordWrap
                        font.family: Theme.serifFamily
                        font.pixelSize: Theme.fontLabel
                        font.weight: Font.Bold
                    }
                    Text {
                        id: eraScale
                        width: parent.width
                        visible: band.tickStep > 0
                        text: band.tickStep === 1 ? view.kiosk.ui.scale_one_year : view.kiosk.ui.scale_years.arg(band.tickStep)
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        wrapMode: Text.WordWrap
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }
        }

        // The ruler: every mark is at its true place within its era.
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
                    y: view.tickLabelY
                    text: tick.label
                    textFormat: Text.PlainText
                    color: tick.major ? Theme.text : Theme.textMuted
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.weight: tick.major ? Font.Bold : Font.Normal
                }
            }
        }

        // The dots and their stems first: the cards are drawn over them.
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

        // The cards near the view, over the stems (a stem never crosses a card's words).
        Repeater {
            id: cardTiles
            model: view.timeline.cardModel

            EventTile {
                x: Math.round(view.xOf(position))
                width: view.cardWidth
                height: view.cardHeight
                pictureWidth: view.pictureWidth
                laneHeight: view.laneHeight
                selected: eventIndex === view.openIndex
                restLeft: view.restLeft
                restRight: view.restRight
                inView: !view.covered && x + width > view.restLeft && x < view.restRight
                onActivated: id => view.kiosk.openDetail(id)
                onFocused: index => view.bringIntoView(index)
                beside: (index, direction) => view.timeline.cardBeside(index, direction)
                onStepped: index => view.focusEvent(index)
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
        id: detail
        objectName: "eventDetail"
        anchors.fill: parent
        kiosk: view.kiosk
        timeline: view.timeline
        audio: view.audio
        index: view.openIndex
    }
}
