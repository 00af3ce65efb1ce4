import QtQuick
import Kiosk

// A content picture: decoded off the GUI thread at the size it is shown, with a calm
// placeholder while loading and if the file cannot be read.
Item {
    id: media

    property alias source: image.source
    property alias status: image.status
    property string alt: ""
    // "cover" fills the frame, trimming the edges; "contain" shows the whole picture.
    property string fit: "cover"
    // For tools that wait until a screen is complete (snapshots, tests).
    readonly property bool mediaLoading: image.status === Image.Loading

    Accessible.role: Accessible.Graphic
    Accessible.name: media.alt

    Rectangle {
        anchors.fill: parent
        color: Theme.surfaceRaised
        visible: image.status !== Image.Ready
    }

    Image {
        id: image
        anchors.fill: parent
        asynchronous: true
        fillMode: media.fit === "contain" ? Image.PreserveAspectFit : Image.PreserveAspectCrop
        sourceSize.width: Math.max(1, Math.round(media.width))
        sourceSize.height: Math.max(1, Math.round(media.height))
        // Camera photos say in their EXIF data which way is up (cached copies are stored upright).
        autoTransform: true
        smooth: true
    }
}
