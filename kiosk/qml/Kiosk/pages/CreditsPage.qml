pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// Credits: the sources of the facts, grouped by what they support (history, the coat of
// arms, terrils and shafts, the method), each with its title and publisher; each picture
// credit once; the map data's attribution; the kiosk's fonts and software. Generated from
// the content (sources.yaml), in the visitor's language. Laid out like a printed page: each
// group's heading across the page and its sources in a grid read row by row (three columns
// on a wide screen, two on a narrower one, one in portrait), so it reads down as it scrolls.
Rectangle {
    id: page

    required property KioskController kiosk
    readonly property var credits: page.kiosk.credits(page.kiosk.language)
    readonly property bool portrait: page.width < page.height
    readonly property int columnCount: page.portrait ? 1 : (page.width >= page.height * 1.5 ? 3 : 2)
    readonly property real columnWidth: Math.floor((sheet.width - Theme.gutter * 2 * (page.columnCount - 1))
                                                   / page.columnCount)
    // The sources, one block per group, then the other credits side by side: {heading, entries}.
    readonly property var sourceBlocks: (page.credits.sources ?? []).map(group => ({
        "heading": page.kiosk.ui["credits_group_" + group.group] ?? group.group,
        "entries": group.entries
    }))
    readonly property var otherBlocks: [
        { "heading": page.kiosk.ui.credits_pictures, "entries": page.credits.pictures ?? [] },
        { "heading": page.kiosk.ui.credits_data, "entries": page.credits.data ?? [] },
        { "heading": page.kiosk.ui.credits_software, "entries": page.credits.software ?? [] }
    ].filter(block => block.entries.length > 0)

    objectName: "creditsPage"
    color: Theme.background

    KioskButton {
        objectName: "homeButton"
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.top: parent.top
        anchors.topMargin: Math.round((Theme.topBarHeight - Theme.touchTarget) / 2)
        text: "←  " + page.kiosk.ui.home
        onClicked: page.kiosk.goHome()
    }

    Flickable {
        id: reading
        objectName: "creditsText"
        anchors.fill: parent
        anchors.topMargin: Theme.topBarHeight
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.topBarHeight  // a bottom row for the accessibility button
        contentHeight: sheet.height + Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        ScrollIndicator.vertical: ScrollIndicator {
            active: reading.contentHeight > reading.height
        }

        Column {
            id: sheet
            width: reading.width - Theme.gutter  // clear of the scroll indicator
            spacing: Theme.gutter

            Column {
                width: Math.min(sheet.width, Theme.readingWidth * 1.4)
                spacing: Theme.spacing
                Text {
                    objectName: "creditsTitle"
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                    width: parent.width
                    text: page.kiosk.ui.credits
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.text
                    font.family: Theme.serifFamily
                    font.pixelSize: Theme.fontHeading
                    font.weight: Font.Bold
                }
                Text {
                    width: parent.width
                    text: page.kiosk.ui.credits_sources
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.textMuted
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLead
                    lineHeight: Theme.lineHeight
                }
            }

            Rectangle {
                width: sheet.width
                height: Theme.borderWidth
                color: Theme.divider
                Accessible.ignored: true
            }

            // Each group of sources: its heading across the page, its sources in a grid read
            // row by row, so the page reads downwards as it scrolls.
            Repeater {
                model: page.sourceBlocks
                Column {
                    id: block
                    required property var modelData
                    width: sheet.width
                    spacing: Theme.spacing
                    CreditsHeading {
                        width: block.width
                        text: block.modelData.heading
                    }
                    Grid {
                        columns: page.columnCount
                        columnSpacing: Theme.gutter * 2
                        rowSpacing: Theme.spacing
                        Repeater {
                            model: block.modelData.entries
                            CreditsEntry {
                                id: source
                                required property var modelData
                                width: page.columnWidth
                                title: source.modelData.title
                                by: source.modelData.by
                            }
                        }
                    }
                }
            }

            Rectangle {
                width: sheet.width
                height: Theme.borderWidth
                color: Theme.divider
                Accessible.ignored: true
            }

            // Pictures, map data, fonts and software: short lists, side by side.
            Grid {
                columns: page.columnCount
                columnSpacing: Theme.gutter * 2
                rowSpacing: Theme.gutter
                Repeater {
                    model: page.otherBlocks
                    Column {
                        id: other
                        required property var modelData
                        width: page.columnWidth
                        spacing: Theme.spacing
                        CreditsHeading {
                            width: other.width
                            text: other.modelData.heading
                        }
                        Repeater {
                            model: other.modelData.entries
                            CreditsEntry {
                                id: credit
                                required property var modelData
                                width: other.width
                                title: credit.modelData.title
                                by: credit.modelData.by
                            }
                        }
                    }
                }
            }
        }
    }

    component CreditsHeading: Text {
        objectName: "creditsHeading"
        Accessible.role: Accessible.Heading
        Accessible.name: text
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        color: Theme.accent
        font.family: Theme.serifFamily
        font.pixelSize: Theme.fontLead
        font.weight: Font.Bold
    }

    component CreditsEntry: Column {
        id: entry
        property string title
        property string by
        Text {
            objectName: "creditsEntry"
            width: entry.width
            text: entry.title
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.text
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontBody
        }
        Text {
            visible: entry.by !== ""
            width: entry.width
            text: entry.by
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.textMuted
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
        }
    }

    ScrollKeys {
        flick: reading
        name: page.kiosk.ui.credits
    }

    MoreBelow {
        flick: reading
        ground: Theme.background
    }
}
