pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Bridge

// `kiosk hotspots IMAGE`: a curator taps around a figure of the picture and gets the
// `hotspot:` YAML, in coordinates relative to the picture. The rules are in Python
// (HotspotEditor); this window only maps taps onto the picture and draws the points.
Window {
    id: root

    required property HotspotEditor editor
    required property url imageUrl

    readonly property bool ellipseMode: root.editor.mode === "ellipse"
    readonly property var points: root.editor.points
    readonly property string fileName: decodeURIComponent(root.imageUrl.toString().split("/").pop())
    // The shape's fill: the accent, translucent, so the picture shows through.
    readonly property color shapeFill: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.3)

    width: 1600
    height: 1000
    visible: true
    color: Theme.background
    title: "kiosk hotspots: " + root.fileName

    Binding {
        target: Theme
        property: "scale"
        value: Math.max(0.4, Math.min(root.width, root.height) / 1080)
    }

    // -- the picture, fitted and centred, with the shape drawn over it --
    Rectangle {
        id: stage
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.right: panel.left
        anchors.margins: Theme.gutter
        color: Theme.surface
        radius: Theme.radius

        Image {
            id: image

            // For tools that wait until the picture is there (tests, scenetools.settled).
            readonly property bool mediaLoading: image.status === Image.Loading
            readonly property bool ready: image.status === Image.Ready

            objectName: "image"
            anchors.fill: parent
            anchors.margins: Theme.gutter
            source: root.imageUrl
            asynchronous: true
            fillMode: Image.PreserveAspectFit
            sourceSize.width: Math.max(1, Math.round(image.width))
            sourceSize.height: Math.max(1, Math.round(image.height))
            smooth: true

            TapHandler {
                onTapped: eventPoint => {
                    if (frame.width <= 0 || frame.height <= 0)
                        return;
                    const p = eventPoint.position;
                    root.editor.addPoint((p.x - frame.x) / frame.width, (p.y - frame.y) / frame.height);
                }
            }

            // Exactly the painted picture: points are fractions of this rectangle.
            Item {
                id: frame

                readonly property var corners: root.points.map(p => Qt.point(p.x * frame.width, p.y * frame.height))
                // The ellipse's box, from `corners` only, so it never sees half-updated points.
                readonly property rect box: {
                    if (frame.corners.length !== 2)
                        return Qt.rect(0, 0, 0, 0);
                    const [a, b] = frame.corners;
                    return Qt.rect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
                }
                readonly property bool hasBox: root.ellipseMode && frame.corners.length === 2

                objectName: "imageFrame"
                x: (image.width - image.paintedWidth) / 2
                y: (image.height - image.paintedHeight) / 2
                width: image.paintedWidth
                height: image.paintedHeight

                // The picture's edges, transparent margins included: the space of the coordinates.
                Rectangle {
                    anchors.fill: parent
                    anchors.margins: -border.width
                    visible: image.ready
                    color: "transparent"
                    border.width: 1
                    border.color: Theme.divider
                }

                Rectangle {
                    objectName: "ellipseBox"
                    visible: frame.hasBox
                    x: frame.box.x
                    y: frame.box.y
                    width: frame.box.width
                    height: frame.box.height
                    color: "transparent"
                    border.width: 1
                    border.color: Theme.textMuted
                }

                Shape {
                    anchors.fill: parent
                    visible: !root.ellipseMode && root.points.length > 1

                    ShapePath {
                        strokeColor: Theme.accent
                        strokeWidth: Theme.borderWidth
                        fillColor: root.points.length >= 3 ? root.shapeFill : "transparent"
                        joinStyle: ShapePath.RoundJoin

                        PathPolyline {
                            // Closed once it is a polygon: back to the first corner.
                            path: frame.corners.length >= 3 ? frame.corners.concat([frame.corners[0]]) : frame.corners
                        }
                    }
                }

                Shape {
                    anchors.fill: parent
                    visible: frame.hasBox

                    ShapePath {
                        strokeColor: Theme.accent
                        strokeWidth: Theme.borderWidth
                        fillColor: root.shapeFill

                        PathAngleArc {
                            centerX: frame.box.x + frame.box.width / 2
                            centerY: frame.box.y + frame.box.height / 2
                            radiusX: frame.box.width / 2
                            radiusY: frame.box.height / 2
                            startAngle: 0
                            sweepAngle: 360
                        }
                    }
                }

                Repeater {
                    model: frame.corners

                    Rectangle {
                        id: dot
                        required property point modelData
                        required property int index

                        x: dot.modelData.x - dot.width / 2
                        y: dot.modelData.y - dot.height / 2
                        width: Theme.touchTarget / 2
                        height: Theme.touchTarget / 2
                        radius: dot.width / 2
                        color: Theme.accent
                        border.width: Theme.borderWidth
                        border.color: Theme.accentInk

                        Text {
                            anchors.centerIn: parent
                            text: dot.index + 1
                            color: Theme.accentInk
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontSmall
                            font.weight: Font.Bold
                        }
                    }
                }
            }
        }

        Text {
            anchors.centerIn: parent
            width: parent.width - Theme.margin * 2
            visible: image.status === Image.Error
            text: "Cannot read this picture:\n" + root.fileName
            textFormat: Text.PlainText
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: Theme.brick
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLead
        }
    }

    // -- what to do, the buttons, and the YAML to copy --
    Column {
        id: panel
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.margins: Theme.gutter
        width: Theme.touchTarget * 7
        spacing: Theme.gutter

        Column {
            width: parent.width
            spacing: Theme.spacing / 2

            Text {
                width: parent.width
                text: root.ellipseMode ? "Ellipse hotspot" : "Polygon hotspot"
                textFormat: Text.PlainText
                color: Theme.text
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontTileTitle
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                text: root.fileName
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
        }

        Grid {
            id: buttons

            readonly property real buttonWidth: (buttons.width - buttons.spacing) / 2

            columns: 2
            spacing: Theme.spacing
            width: parent.width

            KioskButton {
                objectName: "undoButton"
                width: buttons.buttonWidth
                text: "Undo"
                enabled: root.points.length > 0
                ink: enabled ? Theme.text : Theme.textMuted
                onClicked: root.editor.undo()
            }
            KioskButton {
                objectName: "clearButton"
                width: buttons.buttonWidth
                text: "Clear"
                enabled: root.points.length > 0
                ink: enabled ? Theme.text : Theme.textMuted
                onClicked: root.editor.clear()
            }
            KioskButton {
                objectName: "ellipseButton"
                width: buttons.buttonWidth
                text: "Ellipse"
                ink: root.ellipseMode ? Theme.accent : Theme.text
                border.color: root.ellipseMode ? Theme.accent : Theme.divider
                onClicked: root.editor.setMode(root.ellipseMode ? "polygon" : "ellipse")
            }
            KioskButton {
                objectName: "printButton"
                width: buttons.buttonWidth
                text: "Print YAML"
                primary: enabled
                enabled: root.editor.canPrint
                ink: enabled ? Theme.accentInk : Theme.textMuted
                onClicked: root.editor.printYaml()
            }
        }

        Text {
            objectName: "hint"
            width: parent.width
            text: root.editor.hint
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            color: Theme.text
            lineHeight: Theme.lineHeight
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontBody
        }

        Rectangle {
            width: parent.width
            height: panel.height - y
            color: Theme.surface
            radius: Theme.radius
            border.width: root.editor.yaml.length > 0 ? Theme.borderWidth : 0
            border.color: Theme.accent

            TextEdit {
                id: yamlText
                objectName: "yamlText"
                anchors.fill: parent
                anchors.margins: Theme.gutter
                text: root.editor.yaml
                textFormat: TextEdit.PlainText
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                color: Theme.text
                selectionColor: Theme.accent
                selectedTextColor: Theme.accentInk
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
            Text {
                anchors.fill: yamlText
                visible: yamlText.length === 0
                text: "Print YAML shows the hotspot here (and in the terminal), "
                      + "ready to copy under a charge in blason.yaml."
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.italic: true
            }
        }
    }
}
