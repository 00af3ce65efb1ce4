pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk

// A picture with touchable regions given in coordinates relative to the picture (0..1),
// so they fit at any size. The selected region stays bright while the rest dims, and is
// outlined. Any picture of the exhibit can use it; the hit test is the caller's
// (`tapped` gives the relative point; the bridge decides which region it falls in).
Item {
    id: hotspots

    property alias source: picture.source
    property string alt: ""
    // [{ chargeId or id, outline: [{x, y}, ...] }, ...] — any model of rows with an outline.
    property var regions: []
    property string selectedId: ""
    property color highlight: Theme.accent

    // Where the picture is actually drawn inside this item (it keeps its proportions).
    readonly property real paintedWidth: picture.paintedWidth
    readonly property real paintedHeight: picture.paintedHeight
    readonly property real paintedX: (width - picture.paintedWidth) / 2
    readonly property real paintedY: (height - picture.paintedHeight) / 2
    readonly property var selectedOutline: hotspots.outlineOf(hotspots.selectedId)

    signal tapped(real x, real y)

    function outlineOf(regionId: string): var {
        for (let i = 0; i < hotspots.regions.length; ++i) {
            const region = hotspots.regions[i];
            if ((region.chargeId ?? region.id) === regionId)
                return region.outline;
        }
        return [];
    }

    function toItem(outline: var): var {
        const points = [];
        for (let i = 0; i < outline.length; ++i)
            points.push(Qt.point(hotspots.paintedX + outline[i].x * hotspots.paintedWidth,
                                 hotspots.paintedY + outline[i].y * hotspots.paintedHeight));
        if (points.length > 0)
            points.push(points[0]);
        return points;
    }

    Accessible.role: Accessible.Graphic
    Accessible.name: hotspots.alt

    Image {
        id: picture
        objectName: "hotspotPicture"
        anchors.fill: parent
        asynchronous: true
        fillMode: Image.PreserveAspectFit
        sourceSize.width: Math.max(1, Math.round(hotspots.width))
        sourceSize.height: Math.max(1, Math.round(hotspots.height))
        smooth: true
    }

    // Dim everything but the selected region: the picture's rectangle with the region
    // cut out of it (odd-even fill), then a bright outline around the region.
    Shape {
        anchors.fill: parent
        visible: hotspots.selectedOutline.length > 2 && picture.status === Image.Ready
        preferredRendererType: Shape.SoftwareRenderer

        ShapePath {
            fillColor: "#b3121417"
            strokeColor: "transparent"
            fillRule: ShapePath.OddEvenFill
            startX: hotspots.paintedX
            startY: hotspots.paintedY
            PathLine { x: hotspots.paintedX + hotspots.paintedWidth; y: hotspots.paintedY }
            PathLine { x: hotspots.paintedX + hotspots.paintedWidth; y: hotspots.paintedY + hotspots.paintedHeight }
            PathLine { x: hotspots.paintedX; y: hotspots.paintedY + hotspots.paintedHeight }
            PathLine { x: hotspots.paintedX; y: hotspots.paintedY }
            PathMove {
                x: hotspots.selectedOutline.length > 0 ? hotspots.paintedX + hotspots.selectedOutline[0].x * hotspots.paintedWidth : 0
                y: hotspots.selectedOutline.length > 0 ? hotspots.paintedY + hotspots.selectedOutline[0].y * hotspots.paintedHeight : 0
            }
            PathPolyline {
                path: hotspots.toItem(hotspots.selectedOutline)
            }
        }
        ShapePath {
            fillColor: "transparent"
            strokeColor: hotspots.highlight
            strokeWidth: Math.max(3, Math.round(6 * Theme.scale))
            joinStyle: ShapePath.RoundJoin
            startX: 0
            startY: 0
            PathPolyline {
                path: hotspots.toItem(hotspots.selectedOutline)
            }
        }
    }

    TapHandler {
        onTapped: eventPoint => {
            const x = (eventPoint.position.x - hotspots.paintedX) / Math.max(1, hotspots.paintedWidth);
            const y = (eventPoint.position.y - hotspots.paintedY) / Math.max(1, hotspots.paintedHeight);
            if (x >= 0 && x <= 1 && y >= 0 && y <= 1)
                hotspots.tapped(x, y);
        }
    }
}
