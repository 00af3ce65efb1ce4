import QtQuick
import QtQuick.Shapes

// The international symbol of access (ISO 7001): a person in a wheelchair, drawn on a
// 24 x 24 grid and scaled to the item; `ink` colours it.
Shape {
    id: symbol

    property color ink: "white"
    readonly property real unit: Math.min(symbol.width, symbol.height) / 24

    preferredRendererType: Shape.CurveRenderer

    // The head.
    ShapePath {
        strokeWidth: -1
        fillColor: symbol.ink
        PathAngleArc {
            centerX: 12 * symbol.unit
            centerY: 3.2 * symbol.unit
            radiusX: 2.4 * symbol.unit
            radiusY: 2.4 * symbol.unit
            startAngle: 0
            sweepAngle: 360
        }
    }
    // The body: back, seat, leg down to the footrest; the arm forward.
    ShapePath {
        strokeColor: symbol.ink
        strokeWidth: 2.4 * symbol.unit
        fillColor: "transparent"
        capStyle: ShapePath.RoundCap
        joinStyle: ShapePath.RoundJoin
        startX: 11 * symbol.unit
        startY: 7.5 * symbol.unit
        PathLine { x: 11 * symbol.unit; y: 14 * symbol.unit }
        PathLine { x: 17 * symbol.unit; y: 14 * symbol.unit }
        PathLine { x: 19.5 * symbol.unit; y: 20.5 * symbol.unit }
        PathMove { x: 11 * symbol.unit; y: 10.5 * symbol.unit }
        PathLine { x: 16 * symbol.unit; y: 10.5 * symbol.unit }
    }
    // The wheel, open where the body leaves it.
    ShapePath {
        strokeColor: symbol.ink
        strokeWidth: 2.2 * symbol.unit
        fillColor: "transparent"
        capStyle: ShapePath.RoundCap
        PathAngleArc {
            centerX: 10.5 * symbol.unit
            centerY: 16.5 * symbol.unit
            radiusX: 6 * symbol.unit
            radiusY: 6 * symbol.unit
            startAngle: 20
            sweepAngle: 250
            moveToStart: true
        }
    }
}
