import QtQuick
import Kiosk

// A content picture: decoded off the GUI thread at the size it is shown, with a calm
// placeholder while loading and if the file cannot be read.
Item {
    id: media

    property url source
    property alias status: image.status
    property string alt: ""
    // "cover" fills the frame, trimming the edges; "contain" shows the whole picture.
    property string fit: "cover"
    // With "cover": the point of the picture (fractions of its width and height) kept in
    // view when its edges are trimmed, as the content's `focus: [x, y]` says.
    property real focusX: 0.5
    property real focusY: 0.5
    // With "cover": more than 1 enlarges the picture beyond covering the frame (the focus
    // still decides which part shows), as the home page does with its backdrop's sky.
    property real zoom: 1.0
    // A picture still not decoded after this long is given up: its empty frame stays, no
    // screen waits on it any more, and the log says so. Pictures are checked before they are
    // shown (pixel limits, SVGs drawn once with a time limit), so this is a last resort.
    property int decodeLimitMs: 15000
    property bool abandoned: false
    // For tools that wait until a screen is complete (snapshots, tests).
    readonly property bool mediaLoading: image.status === Image.Loading && !media.abandoned
    // A cover picture whose focus is off centre is laid out here rather than by Qt's
    // centred crop: the whole picture, scaled to cover, moved so the focus shows.
    readonly property bool focused: media.fit !== "contain" && (media.focusX !== 0.5 || media.focusY !== 0.5 || media.zoom !== 1)

    // The picture's proportions, once known (0 before): from an earlier decode of the same
    // URL, else learnt after this one. Set after the decode, never inside it, so a new
    // decode size cannot feed back into the layout that asked for it.
    property real aspect: MediaAspects.of(media.source.toString())

    function learnAspect(): void {
        if (image.status !== Image.Ready || image.implicitHeight <= 0)
            return;
        const measured = image.implicitWidth / image.implicitHeight;
        MediaAspects.remember(media.source.toString(), measured);
        // Rounding of a small decode must not ask for another one.
        if (Math.abs(measured - media.aspect) > media.aspect * 0.01)
            media.aspect = measured;
    }

    onSourceChanged: media.abandoned = false

    Accessible.role: Accessible.Graphic
    Accessible.name: media.alt
    clip: media.focused

    Rectangle {
        anchors.fill: parent
        color: Theme.surfaceRaised
        visible: image.status !== Image.Ready
    }

    Timer {
        interval: media.decodeLimitMs
        running: image.status === Image.Loading && !media.abandoned
        onTriggered: {
            media.abandoned = true;
            console.warn(`picture not shown: still not decoded after ${media.decodeLimitMs / 1000} s: ${media.source}`);
        }
    }

    Image {
        id: image

        readonly property real coverWidth: (media.aspect > 0 ? Math.max(media.width, media.height * media.aspect) : media.width) * Math.max(1, media.zoom)
        readonly property real coverHeight: media.aspect > 0 ? image.coverWidth / media.aspect : media.height * Math.max(1, media.zoom)
        // Decoded once small to learn its proportions, then at the size that covers the
        // frame (in steps, so a rounding of the proportions does not decode it again).
        readonly property int decodeSize: Math.max(64, Math.ceil(Math.max(image.coverWidth, image.coverHeight) / 64) * 64)

        x: media.focused ? Math.max(media.width - image.coverWidth, Math.min(0, media.width / 2 - media.focusX * image.coverWidth)) : 0
        y: media.focused ? Math.max(media.height - image.coverHeight, Math.min(0, media.height / 2 - media.focusY * image.coverHeight)) : 0
        width: media.focused ? image.coverWidth : media.width
        height: media.focused ? image.coverHeight : media.height
        source: media.abandoned ? "" : media.source
        asynchronous: true
        fillMode: media.fit === "contain" ? Image.PreserveAspectFit : media.focused ? Image.Stretch : Image.PreserveAspectCrop
        // Focused: a square box the picture fits in, its proportions kept.
        sourceSize.width: media.focused ? image.decodeSize : Math.max(1, Math.round(media.width))
        sourceSize.height: media.focused ? image.decodeSize : Math.max(1, Math.round(media.height))
        // Camera photos say in their EXIF data which way is up (cached copies are stored upright).
        autoTransform: true
        smooth: true
        onStatusChanged: {
            if (media.focused)
                Qt.callLater(media.learnAspect);
        }
    }
}
