pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The admin screen's visitor figures: visits today and in the last 7 days, the median visit
// length and the most opened sections (read off the GUI thread, bridge/statistics.py), and
// the export of the record and its report to a USB stick or a folder on this PC. The export
// runs behind the exhibit; its outcome is said in words.
Rectangle {
    id: panel

    required property KioskController kiosk
    required property StatisticsController statistics

    readonly property bool portrait: panel.width < panel.height
    readonly property string language: panel.kiosk.language

    signal done

    objectName: "adminStats"
    color: Theme.background

    function placeLabel(place: var): string {
        return place.removable ? panel.kiosk.ui.admin_export_usb.arg(place.label)
                               : panel.kiosk.ui.admin_export_folder.arg(place.label);
    }

    function exportWords(): string {
        const stats = panel.statistics;
        const ui = panel.kiosk.ui;
        if (stats.exportState === "running")
            return ui.admin_export_running.arg(stats.exportFolder);
        if (stats.exportState === "done")
            return ui.admin_export_done.arg(stats.exportFolder);
        if (stats.exportState === "failed")
            return stats.exportCopyKept ? ui.admin_export_partial.arg(stats.exportFolder).arg(stats.exportWhy)
                                        : ui.admin_export_failed.arg(stats.exportWhy);
        return "";
    }

    // Holds every touch that no control takes.
    TapHandler {
        gesturePolicy: TapHandler.WithinBounds
    }

    Item {
        id: body
        anchors.fill: parent
        anchors.margins: Theme.margin

        Text {
            id: title
            anchors.left: parent.left
            anchors.right: back.left
            anchors.rightMargin: Theme.gutter
            anchors.verticalCenter: back.verticalCenter
            text: panel.kiosk.ui.admin_stats
            textFormat: Text.PlainText
            elide: Text.ElideRight
            color: Theme.text
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontHeading
            font.weight: Font.Bold
        }
        KioskButton {
            id: back
            objectName: "statsBack"
            anchors.top: parent.top
            anchors.right: parent.right
            text: panel.kiosk.ui.admin_back
            onClicked: panel.done()
        }

        // The figures: three large numbers, then the sections most opened.
        Column {
            id: figures
            anchors.top: back.bottom
            anchors.topMargin: Theme.gutter
            anchors.left: parent.left
            width: panel.portrait ? parent.width : Math.round((parent.width - Theme.gutter) * 0.5)
            spacing: Theme.gutter

            Text {
                objectName: "statsNote"
                width: parent.width
                visible: text.length > 0
                text: !panel.statistics.ready ? panel.kiosk.ui.admin_stats_reading
                    : !panel.statistics.recordFound ? panel.kiosk.ui.admin_stats_no_record
                    : panel.statistics.weekVisits === 0 ? panel.kiosk.ui.admin_stats_no_visits : ""
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }

            Flow {
                width: parent.width
                spacing: Theme.gutter
                visible: panel.statistics.ready && panel.statistics.recordFound

                Repeater {
                    model: [
                        { "name": "statsToday", "label": panel.kiosk.ui.admin_stats_today,
                          "value": String(panel.statistics.todayVisits) },
                        { "name": "statsWeek", "label": panel.kiosk.ui.admin_stats_week,
                          "value": String(panel.statistics.weekVisits) },
                        { "name": "statsMedian", "label": panel.kiosk.ui.admin_stats_median,
                          "value": panel.statistics.medianVisit.length > 0 ? panel.statistics.medianVisit : "–" }
                    ]

                    Rectangle {
                        id: figure
                        required property var modelData
                        required property int index

                        // Three in a row standing; lying, two, then the median across.
                        width: panel.portrait ? Math.floor((figures.width - Theme.gutter * 2) / 3)
                             : figure.index < 2 ? Math.floor((figures.width - Theme.gutter) / 2) : figures.width
                        height: figureText.implicitHeight + Theme.gutter * 2
                        radius: Theme.radius
                        color: Theme.surface

                        Column {
                            id: figureText
                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.top: parent.top
                            anchors.margins: Theme.gutter
                            spacing: Theme.spacing / 2

                            Text {
                                objectName: figure.modelData.name
                                width: parent.width
                                text: figure.modelData.value
                                textFormat: Text.PlainText
                                // A long figure ("12 min 05 s") is made smaller, never cut.
                                fontSizeMode: Text.HorizontalFit
                                minimumPixelSize: Theme.fontBody
                                color: Theme.accent
                                font.family: Theme.serifFamily
                                font.pixelSize: Theme.fontHeading
                                font.weight: Font.Bold
                            }
                            Text {
                                width: parent.width
                                text: figure.modelData.label
                                textFormat: Text.PlainText
                                wrapMode: Text.WordWrap
                                color: Theme.textMuted
                                font.family: Theme.sansFamily
                                font.pixelSize: Theme.fontSmall
                            }
                        }
                    }
                }
            }

            Column {
                width: parent.width
                spacing: Theme.spacing
                visible: panel.statistics.topSections.length > 0

                Text {
                    width: parent.width
                    text: panel.kiosk.ui.admin_stats_sections
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                }
                Repeater {
                    model: panel.statistics.topSections

                    Item {
                        id: sectionRow
                        required property var modelData
                        required property int index

                        objectName: "statsSection-" + sectionRow.index
                        width: parent.width
                        height: Math.max(sectionName.implicitHeight, sectionOpens.implicitHeight)

                        Text {
                            id: sectionName
                            objectName: "statsSectionName-" + sectionRow.index
                            anchors.left: parent.left
                            anchors.right: sectionOpens.left
                            anchors.rightMargin: Theme.gutter
                            text: (sectionRow.index + 1) + ". "
                                  + (sectionRow.modelData.titles[panel.language] ?? sectionRow.modelData.kind)
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            color: Theme.text
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontBody
                        }
                        Text {
                            id: sectionOpens
                            objectName: "statsSectionOpens-" + sectionRow.index
                            anchors.right: parent.right
                            text: panel.kiosk.ui.admin_stats_opens.arg(sectionRow.modelData.opens)
                            textFormat: Text.PlainText
                            color: Theme.textMuted
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontBody
                        }
                    }
                }
            }
        }

        // The export: where to, and how it went.
        Rectangle {
            id: exportBox
            anchors.top: panel.portrait ? figures.bottom : back.bottom
            anchors.topMargin: Theme.gutter
            anchors.left: panel.portrait ? parent.left : figures.right
            anchors.leftMargin: panel.portrait ? 0 : Theme.gutter
            anchors.right: parent.right
            height: Math.min(exportColumn.implicitHeight + Theme.gutter * 2, parent.height - y)
            radius: Theme.radius
            color: Theme.surface

            Column {
                id: exportColumn
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: Theme.gutter
                spacing: Theme.spacing

                Text {
                    width: parent.width
                    text: panel.kiosk.ui.admin_export_title
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLead
                    font.weight: Font.DemiBold
                }
                Text {
                    width: parent.width
                    text: panel.kiosk.ui.admin_export_hint
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                }
                Text {
                    objectName: "exportNoUsb"
                    width: parent.width
                    visible: !panel.statistics.removableFound
                    text: panel.kiosk.ui.admin_export_no_usb
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: Theme.accent
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                }
                Flow {
                    width: parent.width
                    spacing: Theme.spacing

                    Repeater {
                        model: panel.statistics.places

                        KioskButton {
                            id: placeButton
                            required property var modelData
                            required property int index

                            objectName: "exportPlace-" + placeButton.index
                            width: Math.min(implicitWidth, exportColumn.width)
                            primary: placeButton.modelData.removable
                            text: panel.placeLabel(placeButton.modelData)
                            opacity: panel.statistics.exportState === "running" ? 0.5 : 1.0
                            onClicked: panel.statistics.exportTo(placeButton.index, panel.width, panel.height)
                        }
                    }
                    KioskButton {
                        objectName: "exportLook"
                        text: panel.kiosk.ui.admin_export_look
                        onClicked: panel.statistics.refreshPlaces()
                    }
                }
                Text {
                    objectName: "exportStatus"
                    width: parent.width
                    visible: text.length > 0
                    text: panel.exportWords()
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: panel.statistics.exportState === "failed" ? Theme.accent
                        : panel.statistics.exportState === "done" ? Theme.terril : Theme.text
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.Medium
                }
            }
        }
    }
}
