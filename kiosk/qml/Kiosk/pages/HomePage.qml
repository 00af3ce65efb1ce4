pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// Home: the exhibit's title, an invitation, and one large tile per section: side by side
// on a wide screen, one under the other (picture beside words) on a tall one.
Item {
    id: page

    required property KioskController kiosk

    readonly property bool portrait: page.height > page.width

    objectName: "homePage"
    // While it fades in, the page is drawn once into a layer and the fade blends
    // that one picture, instead of redrawing every text and image at each frame.
    layer.enabled: StackView.status === StackView.Activating

    // The backdrop shows its land, lower half, enlarged: its sky (and the drawn moon in
    // it) goes above the screen, so the title never sits on a feature of the picture.
    Backdrop {
        Accessible.ignored: true  // the land behind the title
        anchors.fill: parent
        source: page.kiosk.backdrop
        focusPoint: [page.kiosk.backdropFocus[0] ?? 0.5, 1.0]
        zoom: 1.3
        shade: 0.5
    }

    // Who made what, where the facts come from: one touch away, out of the visitor's path.
    // At the top left; in the bottom row (right) when the languages leave it no room at the
    // top (a tall screen with larger text).
    KioskButton {
        id: credits

        readonly property bool below: Theme.margin * 2 + credits.implicitWidth + Theme.languageRoom > page.width

        objectName: "creditsButton"
        x: credits.below ? page.width - Theme.margin - credits.width : Theme.margin
        y: credits.below ? page.height - Math.round((Theme.topBarHeight + Theme.touchTarget) / 2) : Math.round((Theme.topBarHeight - Theme.touchTarget) / 2)
        text: page.kiosk.ui.credits
        onClicked: page.kiosk.openCredits()
    }

    // The page between the top bar and the bottom row (the accessibility button's). It
    // fits the screen; with larger text, when the tiles' words need more room than is left,
    // the tiles take what they need and the page scrolls: the body moves into a Flickable
    // (only then, so that what runs past its place otherwise is not taken for scrolling).
    Flickable {
        id: scroller
        objectName: "homeScroller"
        anchors.fill: parent
        anchors.topMargin: Theme.topBarHeight
        anchors.bottomMargin: Theme.topBarHeight  // a bottom row for the accessibility button
        visible: Theme.largerText
        contentWidth: width
        contentHeight: body.height
        interactive: contentHeight > height + 1
        clip: true
        boundsBehavior: Flickable.StopAtBounds
    }

    Item {
        id: body
        parent: Theme.largerText ? scroller.contentItem : page
        x: 0
        y: Theme.largerText ? 0 : Theme.topBarHeight
        width: scroller.width
        height: Math.max(scroller.height, tiles.y + tiles.leastHeight)

        Column {
            id: heading
            x: Theme.margin
            width: scroller.width - Theme.margin * 2
            spacing: Theme.spacing

            Text {
                objectName: "homeTitle"
                Accessible.role: Accessible.Heading
                Accessible.name: text
                width: parent.width
                text: page.kiosk.title
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontDisplay
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                text: page.kiosk.subtitle
                textFormat: Text.PlainText
                visible: text.length > 0
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontLead
            }
        }

        Text {
            id: invitation
            x: Theme.margin
            y: heading.y + heading.height + Theme.gutter
            width: scroller.width - Theme.margin * 2
            text: page.kiosk.invitation
            textFormat: Text.PlainText
            color: Theme.accent
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLead
            font.weight: Font.DemiBold
        }

        Grid {
            id: tiles

            readonly property int count: page.kiosk.sectionCount
            readonly property int perRow: page.portrait ? 1 : Math.max(1, count)
            readonly property int rowCount: Math.ceil(count / perRow)
            readonly property real tileWidth: Math.max(0, (width - (perRow - 1) * columnSpacing) / perRow)
            readonly property real tileHeight: Math.max(0, (height - (rowCount - 1) * rowSpacing) / Math.max(1, rowCount))
            // Every tile keeps the room of the longest title and of the longest lead, so
            // titles share a line and leads start together. The needs are measured on texts
            // that are never sized by these rooms, so nothing feeds back.
            readonly property real titleRoom: tiles.largest("titleNeeded")
            readonly property real leadRoom: tiles.largest("leadNeeded")
            // What a row of tiles needs at the least: a tile without its picture (larger text).
            readonly property real leastHeight: Theme.largerText ? rowCount * tiles.largest("plainHeight") + (rowCount - 1) * rowSpacing : 0

            function largest(name: string): real {
                let most = 0;
                for (let i = 0; i < tileRepeater.count; ++i) {
                    const tile = tileRepeater.itemAt(i) as SectionTile;
                    if (tile)
                        most = Math.max(most, tile[name]);
                }
                return most;
            }

            x: Theme.margin
            y: invitation.y + invitation.height + Theme.gutter
            width: scroller.width - Theme.margin * 2
            height: body.height - tiles.y
            columns: perRow
            columnSpacing: Theme.gutter
            rowSpacing: page.portrait ? Theme.spacing * 1.5 : Theme.gutter

            Repeater {
                id: tileRepeater
                model: page.kiosk.sections

                SectionTile {
                    required property string kind
                    objectName: "tile-" + kind
                    width: tiles.tileWidth
                    height: tiles.tileHeight
                    // Larger text: the words alone, under the section's colour, without the picture.
                    plain: Theme.largerText
                    lying: page.portrait && !plain
                    titleRoom: tiles.titleRoom
                    leadRoom: tiles.leadRoom
                    onActivated: index => page.kiosk.openSection(index)
                }
            }
        }
    }
    MoreBelow {
        flick: scroller
        ground: Theme.background
    }
}
