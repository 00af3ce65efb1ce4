pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A figure and its unit read together ("177 700 kWh par an", "20 %"): the unit sits on the
// figure's baseline when both fit the width, else on the line just below. Nothing is cut.
Item {
    id: line

    required property var result
    // What the figure shows now (the counters run through it); its final form sets the layout.
    property string figureText: line.finalText
    property real figureSize: Theme.fontHeading
    property real unitSize: Theme.fontLead

    readonly property string finalText: (line.result.approximate ? "≈ " : "") + (line.result.valueText ?? "")
    readonly property real gap: Math.round(line.unitSize * 0.3)
    readonly property bool together: finalFigure.advanceWidth + line.gap + unit.implicitWidth <= line.width

    implicitWidth: Math.ceil(finalFigure.advanceWidth) + line.gap + unit.implicitWidth
    implicitHeight: line.together ? figure.height : figure.height + unit.height

    TextMetrics {
        id: finalFigure
        font: figure.font
        text: line.finalText
    }

    Text {
        id: figure
        objectName: "figure"
        text: line.figureText
        textFormat: Text.PlainText
        color: Theme.accent
        font.family: Theme.serifFamily
        font.pixelSize: line.figureSize
        font.weight: Font.Bold
    }
    Text {
        id: unit
        objectName: "unit"
        x: line.together ? Math.ceil(finalFigure.advanceWidth) + line.gap : 0
        y: line.together ? figure.baselineOffset - unit.baselineOffset : figure.height
        width: line.together ? implicitWidth : line.width
        text: line.result.unit ?? ""
        textFormat: Text.PlainText
        color: Theme.accent
        wrapMode: Text.Wrap
        font.family: Theme.sansFamily
        font.pixelSize: line.unitSize
        font.weight: Font.DemiBold
    }
}
