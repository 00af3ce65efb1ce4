pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// The frame of every section: a way home, the way into the section's introduction, the
// section's own view, and the ways on. Each kind of section plugs its view in by its file
// (section.viewSource, from kiosk/bridge/kinds.py); a section without an interactive view
// shows its introduction as its view.
// The introduction of the others opens as a panel over the view ("About", kiosk detail
// "about"), so it closes like any detail and the idle reset closes it too.
Item {
    id: page

    required property KioskController kiosk
    required property SectionItem section
    // Plays the recordings of the texts (their Listen buttons): given to the view and the introduction.
    required property AudioController audio

    readonly property SectionItem nextSection: page.kiosk.section((page.section.index + 1) % page.kiosk.sectionCount)
    readonly property SectionItem previousSection: page.kiosk.section((page.section.index - 1 + page.kiosk.sectionCount) % page.kiosk.sectionCount)
    // A tall screen has no room beside the language switch: the section's name and the
    // way into its introduction take a row of their own under the top bar.
    readonly property bool portrait: page.height > page.width
    // The section's name and the way into its introduction go under the top bar when the
    // screen is tall, or when the way in does not fit between Home and the languages (a tall
    // screen in reach mode, whose page is wider than high).
    readonly property bool aboutBelow: page.hasAbout && (page.portrait
        || homeButton.x + homeButton.width + Theme.spacing + aboutButton.implicitWidth + Theme.gutter > page.width - Theme.languageRoom)
    readonly property bool hasAbout: page.section.view !== "SectionIntro"
    readonly property bool aboutOpen: page.hasAbout && page.kiosk.detail === "about"

    objectName: "sectionPage-" + page.section.kind
    // While it fades in, the page is drawn once into a layer and the fade blends
    // that one picture, instead of redrawing every text and image at each frame.
    layer.enabled: StackView.status === StackView.Activating

    Rectangle {
        anchors.fill: parent
        color: Theme.background
        Accessible.ignored: true
    }

    Item {
        id: header
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        height: page.aboutBelow ? Theme.topBarHeight + Theme.touchTarget + Theme.spacing : Theme.topBarHeight

        KioskButton {
            id: homeButton
            objectName: "homeButton"
            anchors.left: parent.left
            anchors.leftMargin: Theme.margin
            y: Math.round((Theme.topBarHeight - height) / 2)
            text: "←  " + page.kiosk.ui.home
            onClicked: page.kiosk.goHome()
        }
        // Portrait: the section's name, beside the way into its introduction.
        Text {
            objectName: "sectionName"
            Accessible.role: Accessible.Heading
            Accessible.name: text
            anchors.left: parent.left
            anchors.right: aboutButton.left
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.gutter
            anchors.verticalCenter: aboutButton.verticalCenter
            visible: page.aboutBelow
            text: page.section.title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontLead
            font.weight: Font.Bold
        }
        KioskButton {
            id: aboutButton
            objectName: "aboutButton"
            x: page.aboutBelow ? header.width - Theme.margin - width : homeButton.x + homeButton.width + Theme.spacing
            y: page.aboutBelow ? Theme.topBarHeight : homeButton.y
            visible: page.hasAbout
            primary: page.aboutOpen
            text: page.aboutOpen ? "×  " + page.kiosk.ui.close : page.kiosk.ui.about_section
            onClicked: page.aboutOpen ? page.kiosk.closeDetail() : page.kiosk.openDetail("about")
        }
    }

    Loader {
        id: view
        objectName: "sectionView"
        anchors.top: header.bottom
        anchors.bottom: footer.top
        anchors.left: parent.left
        anchors.right: parent.right
        // Under the open introduction the view is not drawn (it keeps its state): the
        // panel is opaque, and the renderer has one page less to draw.
        visible: !(page.aboutOpen && about.opacity >= 1)
        asynchronous: false
        Component.onCompleted: view.setSource(Qt.resolvedUrl("../" + page.section.viewSource), {
            "kiosk": page.kiosk,
            "section": page.section,
            "audio": page.audio
        })
    }

    // The section's introduction over its view: picture, title, lead and text that scrolls.
    Item {
        id: about
        objectName: "aboutPanel"
        anchors.fill: view
        visible: page.hasAbout && (page.aboutOpen || about.opacity > 0)
        opacity: page.aboutOpen ? 1 : 0

        Behavior on opacity {
            OpacityAnimator {
                duration: Theme.transitionMs
            }
        }

        Accessible.role: Accessible.Pane
        Accessible.name: page.section.title

        Rectangle {
            anchors.fill: parent
            color: Theme.background
            Accessible.ignored: true
        }
        // Touches stay on the panel: it takes each finger (an exclusive grab on press),
        // so nothing reaches the view beneath.
        TapHandler {
            gesturePolicy: TapHandler.ReleaseWithinBounds
        }

        Loader {
            anchors.fill: parent
            anchors.topMargin: Theme.spacing
            active: page.hasAbout && (page.aboutOpen || about.opacity > 0)
            sourceComponent: SectionIntro {
                kiosk: page.kiosk
                section: page.section
                audio: page.audio
                zoomable: false
            }
        }
    }

    Item {
        id: footer

        // Every button says where it goes. When both long labels ("Suivant : Le blason de
        // la ville") do not fit side by side, both give the destination alone.
        readonly property real room: (footer.width - Theme.margin * 2 - Theme.gutter - Theme.accessibilityRoom) / 2 - Theme.gutter * 2
        readonly property bool longFits: longPrevious.width <= footer.room && longNext.width <= footer.room
        // With larger text on a narrow screen even the destinations may not fit side by
        // side: then Previous shows its arrow alone (its accessible name still says where
        // it goes) and Next keeps its destination.
        readonly property bool shortFits: shortPrevious.width + shortNext.width + Theme.gutter * 5 <= footer.width - Theme.margin * 2 - Theme.accessibilityRoom

        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        height: Theme.topBarHeight

        TextMetrics {
            id: longPrevious
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLabel
            font.weight: Font.DemiBold
            text: "←  " + page.kiosk.ui.previous_to.arg(page.previousSection.title)
        }
        TextMetrics {
            id: longNext
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLabel
            font.weight: Font.DemiBold
            text: page.kiosk.ui.next_to.arg(page.nextSection.title) + "  →"
        }

        TextMetrics {
            id: shortPrevious
            font: longPrevious.font
            text: "←  " + page.previousSection.title
        }
        TextMetrics {
            id: shortNext
            font: longNext.font
            text: page.nextSection.title + "  →"
        }

        Rectangle {
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            height: 1
            color: Theme.divider
            Accessible.ignored: true
        }
        // Where this section stands among the others.
        Row {
            id: dots
            objectName: "sectionDots"
            Accessible.ignored: true  // Previous and Next say where they go
            // Half-way between the two buttons (the accessibility button pushes Previous
            // to the right: the footer's centre would crowd it), and only where they fit.
            anchors.verticalCenter: parent.verticalCenter
            x: Math.round((previous.x + previous.width + next.x - dots.width) / 2)
            spacing: Theme.spacing
            visible: next.x - previous.x - previous.width - Theme.gutter * 2 >= dots.implicitWidth
            Repeater {
                model: page.kiosk.sectionCount
                Rectangle {
                    id: dot
                    required property int index
                    width: Math.round(14 * Theme.scale)
                    height: width
                    radius: width / 2
                    color: dot.index === page.section.index ? page.section.colour : Theme.divider
                }
            }
        }
        KioskButton {
            id: previous
            objectName: "previousButton"
            anchors.left: parent.left
            anchors.leftMargin: Theme.margin + Theme.accessibilityRoom  // after the accessibility button
            anchors.verticalCenter: parent.verticalCenter
            text: footer.longFits ? longPrevious.text : footer.shortFits ? shortPrevious.text : "←"
            Accessible.name: page.kiosk.ui.previous_to.arg(page.previousSection.title)
            visible: page.kiosk.sectionCount > 1
            onClicked: page.kiosk.previousSection()
        }
        KioskButton {
            id: next
            objectName: "nextButton"
            anchors.right: parent.right
            anchors.rightMargin: Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            primary: true
            text: footer.longFits ? longNext.text : shortNext.text
            Accessible.name: page.kiosk.ui.next_to.arg(page.nextSection.title)
            visible: page.kiosk.sectionCount > 1
            onClicked: page.kiosk.nextSection()
        }
    }
}
