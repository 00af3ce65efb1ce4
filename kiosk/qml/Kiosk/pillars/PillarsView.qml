pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The Loos method as a building: a foundation carrying pillars under a pediment, with a
// note on how sure that picture is. Tap a pillar (or the foundation) for its principles and
// examples; the recipe button lists the ingredients; the results stand beside the building
// (below it on a tall screen) as figures, and a tap on one opens its detail and its source.
// Landscape: two columns that fill the page. Portrait: the building on top, the results
// below. Where the words need more room than the screen has, the page scrolls.
Item {
    id: view

    required property KioskController kiosk
    required property SectionItem section
    required property AudioController audio
    readonly property PillarsController method: view.section.controller as PillarsController
    readonly property var detail: view.kiosk.detail.length > 0 ? view.method.detailOf(view.kiosk.detail, view.kiosk.language) : ({})
    readonly property bool detailShown: (view.detail.id ?? "").length > 0
    readonly property var results: view.method.results(view.kiosk.language)
    property bool pageSettled: false

    // One above the other on a tall page, and on a wide one where the building beside the
    // results would leave a pillar narrower than its longest word at the smallest size its
    // title may take (a Dutch compound in larger text; every mode on a tall screen leaves a
    // wide, low band): words would break in their middle. The page then scrolls.
    readonly property bool portrait: view.height > view.width || view.sideBySidePillar < view.longestPillarWord
    // The room for words in a pillar beside the results (MethodBuilding's geometry).
    readonly property real sideBySidePillar: (Math.round((view.innerWidth - Theme.margin) * 0.5) - Theme.gutter * 2
        - Math.max(0, view.method.pillars.length - 1) * Theme.gutter) / Math.max(1, view.method.pillars.length)
        - Theme.spacing * 2
    // (The sizes are passed so that a change of text size measures again.)
    readonly property real longestPillarWord: view.longestWord(view.method.pillars, titleFloor.font.pixelSize,
        summaryWords.font.pixelSize)

    function longestWord(pillars: var, titleSize: real, summarySize: real): real {
        let widest = 0;
        for (const pillar of pillars) {
            for (const word of pillar.title.split(/\s+/))
                widest = Math.max(widest, titleFloor.advanceWidth(word));
            for (const word of pillar.summary.split(/\s+/))
                widest = Math.max(widest, summaryWords.advanceWidth(word));
        }
        return titleSize > 0 && summarySize > 0 ? widest : 0;
    }
    readonly property bool hasResults: view.results.length > 0
    // With an odd number of results, the first one leads, across the whole column.
    readonly property bool hasLead: view.results.length % 2 === 1
    readonly property var paired: view.hasLead ? view.results.slice(1) : view.results
    readonly property int rows: Math.ceil(view.paired.length / 2)

    // -- geometry --
    // A tall screen holds the building and the results one above the other: tighter gaps.
    readonly property real gap: view.portrait ? Theme.spacing : Math.round(Theme.spacing * 1.5)
    readonly property real tilePadding: view.portrait ? Math.round(Theme.spacing * 0.75) : Theme.spacing
    readonly property real innerWidth: view.width - Theme.margin * 2
    readonly property real methodWidth: view.portrait || !view.hasResults ? view.innerWidth : Math.round((view.innerWidth - Theme.margin) * 0.5)
    readonly property real resultsWidth: view.portrait ? view.innerWidth : view.innerWidth - Theme.margin - view.methodWidth
    // Under the building: the note and the recipe button.
    readonly property real underBuilding: (note.visible ? note.height + view.gap : 0) + (recipe.visible ? recipe.height + view.gap : 0) + Theme.spacing
    readonly property real resultsHeading: resultsHint.y + resultsHint.height + Theme.spacing
    readonly property real tallestTile: {
        let tallest = 0;
        for (let i = 0; i < pairedTiles.count; ++i) {
            const tile = pairedTiles.itemAt(i) as ResultTile;
            if (tile)
                tallest = Math.max(tallest, tile.implicitHeight);
        }
        return tallest;
    }
    readonly property real leadHeight: view.hasLead ? leadTile.implicitHeight + Theme.spacing : 0
    readonly property real resultsNeed: !view.hasResults ? 0 : view.resultsHeading + view.leadHeight + view.rows * view.tallestTile + Math.max(0, view.rows - 1) * Theme.spacing + Theme.spacing
    readonly property real methodNeed: building.minimumHeight + view.underBuilding
    // Landscape: the taller column sets the page (the screen, unless the words need more).
    // Portrait: the results at their height, the building takes the rest (at least its need).
    readonly property real pageHeight: view.portrait ? Math.max(view.height, view.methodNeed + (view.hasResults ? view.gap + view.resultsNeed : 0)) : Math.max(view.height, view.methodNeed, view.resultsNeed)
    readonly property real buildingHeight: view.portrait ? view.pageHeight - (view.hasResults ? view.resultsNeed + view.gap : 0) - view.underBuilding : view.pageHeight - view.underBuilding
    readonly property real tileHeight: view.portrait ? view.tallestTile : Math.max(view.tallestTile, (view.pageHeight - view.resultsHeading - view.leadHeight - Theme.spacing - Math.max(0, view.rows - 1) * Theme.spacing) / Math.max(1, view.rows))

    objectName: "pillarsView"

    // A pillar's title at its smallest (MethodBuilding.titleSize) and its summary.
    FontMetrics {
        id: titleFloor
        font.family: Theme.serifFamily
        font.pixelSize: Theme.fontSmall
        font.weight: Font.Bold
    }
    FontMetrics {
        id: summaryWords
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
    }

    // The counters wait for the page's arrival to finish (its fade runs through a layer).
    Timer {
        interval: Theme.transitionMs + 60
        running: true
        onTriggered: view.pageSettled = true
    }

    Flickable {
        id: page
        objectName: "methodPage"
        anchors.fill: parent
        // Under an open card nothing takes the focus (it would be hidden).
        enabled: !view.detailShown
        contentWidth: width
        contentHeight: view.pageHeight
        interactive: contentHeight > height + 1
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick

        // -- the building, its note and its recipe --
        Item {
            id: methodColumn
            x: Theme.margin
            width: view.methodWidth
            height: view.buildingHeight + view.underBuilding

            MethodBuilding {
                id: building
                width: parent.width
                height: view.buildingHeight
                kiosk: view.kiosk
                section: view.section
                pedimentHeight: view.portrait ? Theme.touchTarget : Math.round(Theme.touchTarget * 1.1)
            }

            // How sure the picture is: other sources count four axes, not three pillars.
            Item {
                id: note
                anchors.top: building.bottom
                anchors.topMargin: view.gap
                width: parent.width
                height: noteText.height
                visible: view.method.note.length > 0
                Rectangle {
                    width: Theme.borderWidth * 2
                    height: parent.height
                    radius: width / 2
                    color: view.section.colour
                }
                Text {
                    id: noteText
                    objectName: "methodNote"
                    x: Theme.gutter
                    width: parent.width - Theme.gutter
                    text: view.method.note
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    lineHeight: Theme.lineHeight * 0.9
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                }
            }

            RecipeButton {
                id: recipe
                objectName: "ingredientsButton"
                anchors.top: note.visible ? note.bottom : building.bottom
                anchors.topMargin: view.gap
                width: Math.min(implicitWidth, parent.width)
                visible: view.method.hasIngredients
                text: view.kiosk.ui.source_code
                onClicked: view.kiosk.openDetail("ingredients")
            }
        }

        // -- the results --
        Item {
            id: resultsColumn
            visible: view.hasResults
            x: view.portrait ? Theme.margin : Theme.margin + view.methodWidth + Theme.margin
            y: view.portrait ? methodColumn.height + view.gap : 0
            width: view.resultsWidth
            height: view.portrait ? view.resultsNeed : view.pageHeight

            Text {
                id: resultsTitle
                objectName: "resultsTitle"
                width: parent.width
                text: view.kiosk.ui.results
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.Wrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontLead
                font.weight: Font.Bold
            }
            Text {
                id: resultsHint
                objectName: "resultsHint"
                anchors.top: resultsTitle.bottom
                anchors.topMargin: Theme.spacing / 2
                width: parent.width
                text: view.kiosk.ui.results_hint
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.Wrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }

            Column {
                objectName: "results"
                anchors.top: parent.top
                anchors.topMargin: view.resultsHeading
                width: parent.width
                spacing: Theme.spacing

                ResultTile {
                    id: leadTile
                    width: parent.width
                    height: implicitHeight
                    visible: view.hasLead
                    lead: true
                    wide: true
                    padding: view.tilePadding
                    result: view.hasLead ? view.results[0] : ({ id: "", value: 0, unit: "", label: "" })
                    // Count once the page stands still: no re-drawing of the whole page while it fades in.
                    start: view.pageSettled
                    onActivated: id => view.kiosk.openDetail(id)
                }
                Grid {
                    id: grid
                    width: parent.width
                    columns: 2
                    spacing: Theme.spacing

                    Repeater {
                        id: pairedTiles
                        model: view.paired
                        ResultTile {
                            required property var modelData
                            result: modelData
                            start: view.pageSettled
                            padding: view.tilePadding
                            onActivated: id => view.kiosk.openDetail(id)
                            width: (grid.width - grid.spacing) / 2
                            height: view.tileHeight
                        }
                    }
                }
            }
        }
    }
    MoreBelow {
        flick: page
        ground: Theme.background
    }

    // -- a pillar, the foundation, the ingredients or a result, opened --
    PillarCard {
        anchors.fill: parent
        visible: view.detailShown && view.detail.kind !== "result"
        kiosk: view.kiosk
        section: view.section
        audio: view.audio
        detail: view.detail
    }
    ResultCard {
        anchors.fill: parent
        visible: view.detail.kind === "result"
        kiosk: view.kiosk
        section: view.section
        result: view.detail
    }
}
