pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Shapes
import Kiosk

// The Loos method as a building: a foundation carrying pillars under a pediment. Tap a
// pillar (or the foundation) for its principles and examples; "source code" lists the
// ingredients; the results stand beside it as figures.
Item {
    id: view

    required property var kiosk
    required property var section
    readonly property var method: view.section.controller
    readonly property var detail: view.kiosk.detail.length > 0 ? view.method.detailOf(view.kiosk.detail, view.kiosk.language) : ({})
    readonly property bool detailShown: (view.detail.id ?? "").length > 0
    readonly property var results: view.method.results(view.kiosk.language)
    // The result whose source is shown ("" for none).
    property string sourceOf: ""
    property bool pageSettled: false
    readonly property var source: view.results.find(r => r.id === view.sourceOf) ?? ({})

    objectName: "pillarsView"

    // The counters wait for the page's arrival to finish (its fade runs through a layer).
    Timer {
        interval: Theme.transitionMs + 60
        running: true
        onTriggered: view.pageSettled = true
    }

    // -- the building --
    Item {
        id: building
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: codeButton.top
        anchors.leftMargin: Theme.margin
        anchors.bottomMargin: Theme.gutter
        width: Math.round(parent.width * 0.5)

        readonly property real pedimentHeight: Math.round(height * 0.16)
        readonly property real foundationHeight: Math.round(height * 0.22)

        Shape {
            id: pediment
            width: building.width
            height: building.pedimentHeight
            preferredRendererType: Shape.SoftwareRenderer
            ShapePath {
                fillColor: Theme.surfaceRaised
                strokeColor: Theme.accent
                strokeWidth: Theme.borderWidth
                startX: 0
                startY: pediment.height
                PathLine { x: pediment.width / 2; y: 0 }
                PathLine { x: pediment.width; y: pediment.height }
                PathLine { x: 0; y: pediment.height }
            }
        }
        Text {
            anchors.horizontalCenter: pediment.horizontalCenter
            anchors.bottom: pediment.bottom
            anchors.bottomMargin: Theme.spacing
            width: pediment.width * 0.5
            horizontalAlignment: Text.AlignHCenter
            text: view.section.title
            textFormat: Text.PlainText
            color: Theme.text
            elide: Text.ElideRight
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontLabel
            font.weight: Font.Bold
        }

        Row {
            id: columns
            anchors.top: pediment.bottom
            anchors.bottom: foundation.top
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.topMargin: Theme.spacing
            anchors.bottomMargin: Theme.spacing
            spacing: Theme.gutter
            readonly property int count: view.method.pillars.length
            readonly property real pillarWidth: (building.width - Theme.gutter * 2 - (count - 1) * spacing) / Math.max(1, count)

            Repeater {
                model: view.method.pillars

                Rectangle {
                    id: pillar
                    required property var modelData
                    objectName: "pillar-" + pillar.modelData.id
                    width: columns.pillarWidth
                    height: columns.height
                    radius: Math.round(6 * Theme.scale)
                    color: view.kiosk.detail === pillar.modelData.id ? Theme.surfaceRaised : Theme.surface
                    border.width: Theme.borderWidth
                    border.color: view.kiosk.detail === pillar.modelData.id || tap.pressed ? Theme.accent : Theme.divider

                    Accessible.role: Accessible.Button
                    Accessible.name: pillar.modelData.title

                    // Capital and base, so it reads as a column.
                    Rectangle {
                        anchors.top: parent.top
                        anchors.horizontalCenter: parent.horizontalCenter
                        width: parent.width + Theme.spacing
                        height: Math.round(18 * Theme.scale)
                        radius: height / 3
                        color: view.section.colour
                    }
                    Rectangle {
                        anchors.bottom: parent.bottom
                        anchors.horizontalCenter: parent.horizontalCenter
                        width: parent.width + Theme.spacing
                        height: Math.round(18 * Theme.scale)
                        radius: height / 3
                        color: view.section.colour
                    }
                    Column {
                        anchors.centerIn: parent
                        width: parent.width - Theme.gutter * 1.5
                        spacing: Theme.spacing
                        Text {
                            width: parent.width
                            horizontalAlignment: Text.AlignHCenter
                            text: pillar.modelData.title
                            textFormat: Text.PlainText
                            color: Theme.text
                            wrapMode: Text.WordWrap
                            font.family: Theme.serifFamily
                            font.pixelSize: Theme.fontTileTitle * 0.85
                            font.weight: Font.Bold
                        }
                        Text {
                            width: parent.width
                            horizontalAlignment: Text.AlignHCenter
                            text: pillar.modelData.summary
                            textFormat: Text.PlainText
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap
                            maximumLineCount: 4
                            elide: Text.ElideRight
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                    TapHandler {
                        id: tap
                        gesturePolicy: TapHandler.ReleaseWithinBounds
                        onTapped: view.kiosk.openDetail(pillar.modelData.id)
                    }
                }
            }
        }

        Rectangle {
            id: foundation
            objectName: "foundation"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: building.foundationHeight
            visible: (view.method.foundation.id ?? "").length > 0
            radius: Math.round(6 * Theme.scale)
            color: view.kiosk.detail === (view.method.foundation.id ?? "") ? Theme.surfaceRaised : Theme.surface
            border.width: Theme.borderWidth
            border.color: foundationTap.pressed ? Theme.accent : view.section.colour

            Column {
                anchors.centerIn: parent
                width: parent.width - Theme.margin
                spacing: Math.round(4 * Theme.scale)
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: view.method.foundation.title ?? ""
                    textFormat: Text.PlainText
                    color: Theme.text
                    elide: Text.ElideRight
                    font.family: Theme.serifFamily
                    font.pixelSize: Theme.fontTileTitle * 0.85
                    font.weight: Font.Bold
                }
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: view.method.foundation.summary ?? ""
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                }
            }
            TapHandler {
                id: foundationTap
                gesturePolicy: TapHandler.ReleaseWithinBounds
                onTapped: view.kiosk.openDetail(view.method.foundation.id)
            }
        }
    }

    KioskButton {
        id: codeButton
        objectName: "ingredientsButton"
        anchors.left: building.left
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spacing
        visible: view.method.hasIngredients
        primary: true
        text: "{ }  " + view.kiosk.ui.source_code
        onClicked: view.kiosk.openDetail("ingredients")
    }

    // -- the results --
    Text {
        id: resultsTitle
        anchors.left: building.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        text: view.kiosk.ui.results
        textFormat: Text.PlainText
        color: Theme.text
        font.family: Theme.serifFamily
        font.pixelSize: Theme.fontLead
        font.weight: Font.Bold
    }
    Grid {
        id: resultsGrid
        objectName: "results"
        anchors.left: resultsTitle.left
        anchors.right: resultsTitle.right
        anchors.top: resultsTitle.bottom
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.spacing
        anchors.bottomMargin: Theme.spacing
        columns: 2
        spacing: Theme.spacing
        readonly property int rowCount: Math.ceil(view.results.length / 2)

        Repeater {
            model: view.results
            ResultTile {
                required property var modelData
                result: modelData
                // Count once the page stands still: no re-drawing of the whole page while it fades in.
                start: view.pageSettled
                onActivated: id => view.sourceOf = id
                width: (resultsGrid.width - resultsGrid.spacing) / 2
                height: (resultsGrid.height - (resultsGrid.rowCount - 1) * resultsGrid.spacing) / Math.max(1, resultsGrid.rowCount)
            }
        }
    }

    // -- a pillar, the foundation or the ingredients, opened --
    Item {
        id: card
        objectName: "pillarDetail"
        anchors.fill: parent
        visible: view.detailShown

        Rectangle {
            anchors.fill: parent
            color: Theme.scrim
        }
        TapHandler {
            onTapped: view.kiosk.closeDetail()
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - Theme.margin * 2, Math.round(1560 * Theme.scale))
            height: parent.height - Theme.spacing * 2
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.borderWidth
            border.color: view.section.colour

            TapHandler {}

            Flickable {
                id: reading
                objectName: "pillarReading"
                anchors.fill: parent
                anchors.margins: Theme.gutter
                anchors.leftMargin: Theme.margin
                anchors.bottomMargin: Theme.touchTarget + Theme.gutter * 2
                contentHeight: words.height
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                flickableDirection: Flickable.VerticalFlick
                ScrollIndicator.vertical: ScrollIndicator {
                    active: reading.contentHeight > reading.height
                }

                Column {
                    id: words
                    width: reading.width - Theme.gutter
                    spacing: Theme.spacing

                    Text {
                        objectName: "pillarTitle"
                        width: parent.width
                        text: view.detail.kind === "ingredients" ? view.kiosk.ui.source_code : (view.detail.title ?? "")
                        textFormat: Text.PlainText
                        color: Theme.text
                        wrapMode: Text.WordWrap
                        font.family: Theme.serifFamily
                        font.pixelSize: Theme.fontHeading
                        font.weight: Font.Bold
                    }
                    Text {
                        width: parent.width
                        visible: text.length > 0
                        text: view.detail.summary ?? ""
                        textFormat: Text.PlainText
                        color: Theme.accent
                        wrapMode: Text.WordWrap
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontLead
                        font.weight: Font.Medium
                    }
                    Repeater {
                        model: view.detail.principles ?? []
                        Text {
                            required property string modelData
                            width: words.width
                            text: "•  " + modelData
                            textFormat: Text.PlainText
                            color: Theme.text
                            wrapMode: Text.WordWrap
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontBody
                        }
                    }
                    Grid {
                        width: parent.width
                        columns: width > Theme.readingWidth * 1.4 ? 2 : 1
                        columnSpacing: Theme.gutter
                        rowSpacing: Theme.spacing
                        Repeater {
                            model: view.detail.items ?? []
                            Rectangle {
                                id: example
                                required property var modelData
                                required property int index
                                width: (words.width - Theme.gutter) / 2
                                height: exampleWords.height + Theme.gutter * 2
                                radius: Theme.radius / 2
                                color: Theme.surfaceRaised
                                Column {
                                    id: exampleWords
                                    anchors.left: parent.left
                                    anchors.right: parent.right
                                    anchors.top: parent.top
                                    anchors.margins: Theme.gutter
                                    spacing: Theme.spacing / 2
                                    Text {
                                        width: parent.width
                                        text: (view.detail.kind === "ingredients" ? (example.index + 1) + ".  " : "") + example.modelData.title
                                        textFormat: Text.PlainText
                                        color: view.section.colour
                                        wrapMode: Text.WordWrap
                                        font.family: Theme.sansFamily
                                        font.pixelSize: Theme.fontLabel
                                        font.weight: Font.Bold
                                    }
                                    Text {
                                        width: parent.width
                                        text: example.modelData.text
                                        textFormat: Text.PlainText
                                        color: Theme.text
                                        wrapMode: Text.WordWrap
                                        lineHeight: Theme.lineHeight
                                        font.family: Theme.sansFamily
                                        font.pixelSize: Theme.fontSmall
                                    }
                                    Flow {
                                        id: exampleLinks
                                        width: parent.width
                                        spacing: Theme.spacing
                                        Repeater {
                                            model: example.modelData.related
                                            KioskButton {
                                                required property var modelData
                                                objectName: "link-" + modelData.link
                                                text: modelData.label + "  →"
                                                width: Math.min(implicitWidth, exampleLinks.width)
                                                onClicked: view.kiosk.openLink(modelData.link)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }

            MoreBelow {
                flick: reading
                ground: Theme.surface
            }
            KioskButton {
                objectName: "pillarClose"
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Theme.gutter
                primary: true
                text: "×  " + view.kiosk.ui.close
                onClicked: view.kiosk.closeDetail()
            }
        }
    }

    // Where a figure comes from, on request.
    Item {
        objectName: "resultSource"
        anchors.fill: parent
        visible: view.sourceOf.length > 0

        Rectangle {
            anchors.fill: parent
            color: Theme.scrim
        }
        TapHandler {
            onTapped: view.sourceOf = ""
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - Theme.margin * 2, Math.round(1100 * Theme.scale))
            height: sourceWords.height + Theme.margin * 2
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.borderWidth
            border.color: Theme.accent

            Column {
                id: sourceWords
                anchors.centerIn: parent
                width: parent.width - Theme.margin * 2
                spacing: Theme.spacing
                Text {
                    width: parent.width
                    text: (view.source.approximate ? "≈ " : "") + (view.source.valueText ?? "") + " " + (view.source.unit ?? "")
                    textFormat: Text.PlainText
                    color: Theme.accent
                    wrapMode: Text.WordWrap
                    font.family: Theme.serifFamily
                    font.pixelSize: Theme.fontHeading
                    font.weight: Font.Bold
                }
                Text {
                    width: parent.width
                    text: [view.source.label ?? "", view.source.comparison ?? ""].filter(t => t.length > 0).join(" — ")
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLead
                }
                Text {
                    objectName: "resultSourceText"
                    width: parent.width
                    text: view.kiosk.ui.source_of.arg((view.source.source ?? "") + ((view.source.date ?? "").length > 0 ? " (" + view.source.date + ")" : ""))
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontBody
                    font.italic: true
                }
                KioskButton {
                    text: "×  " + view.kiosk.ui.close
                    onClicked: view.sourceOf = ""
                }
            }
        }
    }
}
