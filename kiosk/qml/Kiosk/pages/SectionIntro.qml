import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// A section's introduction: its picture with credit, title, lead and text.
// A section without an interactive view shows it as its view; the others open it from
// their header (SectionPage's "About" panel).
Item {
    id: intro

    required property KioskController kiosk
    required property SectionItem section
    required property AudioController audio
    // As a section's view, its picture opens full screen on a tap. In the "About" panel it
    // does not: that panel is itself the open detail.
    property bool zoomable: true

    // On a portrait screen the picture sits above the text, otherwise beside it.
    readonly property bool portrait: intro.width < intro.height * 1.2
    // Beside the text, the picture needs a quarter of the width at least; in a shallow
    // band (reach mode with larger text on a small screen) the text takes the whole width.
    readonly property bool pictured: intro.portrait || (intro.height - Theme.gutter * 3 - Theme.fontSmall * 2) / 0.75 >= intro.width * 0.25

    // The picture's width beside the text, with room under it for a credit this high.
    function besideWidth(credit: real): real {
        return Math.max(0, Math.min(intro.width * 0.46, (intro.height - credit - Theme.gutter * 2) / 0.75));
    }

    function openPicture(): void {
        if (intro.zoomable)
            intro.kiosk.openDetail("picture");
    }

    objectName: "sectionIntro"

    // A soft fade at the bottom edge while more text waits below.
    Rectangle {
        anchors.left: reading.left
        anchors.right: reading.right
        anchors.bottom: reading.bottom
        height: Theme.margin * 1.5
        visible: !reading.atYEnd
        Accessible.ignored: true
        gradient: Gradient {
            GradientStop { position: 0.0; color: "transparent" }
            GradientStop { position: 1.0; color: Theme.background }
        }
        z: 1
    }

    MediaImage {
        id: picture
        objectName: "introPicture"
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.leftMargin: Theme.margin
        anchors.topMargin: Theme.spacing
        visible: intro.pictured
        // Beside the text, as wide as the credit under it leaves height for. The credit wraps
        // to the picture's width, so its height is measured apart (captionFit), never read
        // from the caption itself: that would be a binding loop.
        width: intro.portrait
            ? Math.min(parent.width - Theme.margin * 2, parent.height * 0.4 / 0.75)
            : intro.besideWidth(captionFit.height)
        height: Math.round(width * 0.75)
        source: intro.section.illustration
        alt: intro.section.illustrationAlt
        fit: intro.section.illustrationFit
        focusX: intro.section.illustrationFocus[0] ?? 0.5
        focusY: intro.section.illustrationFocus[1] ?? 0.5
        // As the view, the picture is a button that opens it full screen.
        activeFocusOnTab: intro.zoomable
        Accessible.role: intro.zoomable ? Accessible.Button : Accessible.Graphic
        Accessible.description: intro.zoomable ? intro.section.illustrationCredit : ""
        Keys.onReturnPressed: intro.openPicture()
        Keys.onEnterPressed: intro.openPicture()
        Keys.onSpacePressed: intro.openPicture()

        FocusRing {}

        TapHandler {
            enabled: intro.zoomable
            gesturePolicy: TapHandler.ReleaseWithinBounds
            onTapped: intro.kiosk.openDetail("picture")
        }
    }
    Text {
        id: caption
        objectName: "introCredit"
        anchors.left: picture.left
        anchors.right: picture.right
        anchors.top: picture.bottom
        anchors.topMargin: Theme.spacing
        text: intro.section.illustrationCredit
        textFormat: Text.PlainText
        visible: text.length > 0
        opacity: intro.pictured ? 1 : 0
        color: Theme.textMuted
        wrapMode: Text.WordWrap
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
        font.italic: true
    }

    // Marks the introduction while its recording plays.
    ReadingBand {
        objectName: "reading-" + listen.key
        flick: reading
        block: column
        on: listen.mine
    }

    // The credit's height, for the picture beside the text: measured at the widest the
    // picture can be, then at the width that leaves room for that (a narrower picture can
    // wrap the credit onto one more line, which the second measure takes in).
    Text {
        id: captionWidest
        visible: false
        width: intro.width * 0.46
        text: caption.text
        textFormat: Text.PlainText
        wrapMode: Text.WordWrap
        font: caption.font
    }
    Text {
        id: captionFit
        visible: false
        width: intro.besideWidth(captionWidest.height)
        text: caption.text
        textFormat: Text.PlainText
        wrapMode: Text.WordWrap
        font: caption.font
    }

    Flickable {
        id: reading
        objectName: "introText"
        anchors.left: intro.portrait || !intro.pictured ? parent.left : picture.right
        anchors.right: parent.right
        anchors.top: intro.portrait ? caption.bottom : parent.top
        anchors.topMargin: intro.portrait ? Theme.gutter : Theme.spacing
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        contentHeight: column.height + Theme.gutter
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick

        // Always shown when the text is longer than the screen, so visitors know it scrolls.
        ScrollIndicator.vertical: ScrollIndicator {
            active: reading.contentHeight > reading.height
            contentItem: Rectangle {
                implicitWidth: Math.round(6 * Theme.scale)
                radius: width / 2
                color: Theme.textMuted
            }
        }

        Column {
            id: column
            width: Math.min(reading.width - Theme.gutter, Theme.readingWidth)
            spacing: Theme.gutter

            Rectangle {
                Accessible.ignored: true
                width: Math.round(96 * Theme.scale)
                height: Math.round(10 * Theme.scale)
                radius: height / 2
                color: intro.section.colour
            }
            Text {
                objectName: "sectionTitle"
                Accessible.role: Accessible.Heading
                Accessible.name: text
                width: parent.width
                text: intro.section.title
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontHeading
                font.weight: Font.Bold
            }
            // The introduction read aloud, where it has a recording in the visitor's language.
            ListenButton {
                id: listen
                objectName: "listen-" + listen.key
                width: Math.min(implicitWidth, parent.width)
                audio: intro.audio
                kiosk: intro.kiosk
                key: intro.section.kind
            }
            Text {
                width: parent.width
                text: intro.section.lead
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontLead
                font.weight: Font.Medium
            }
            Text {
                width: parent.width
                text: intro.section.body
                textFormat: Text.PlainText
                visible: text.length > 0
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }
        }
    }

    ScrollKeys {
        flick: reading
        name: intro.section.title
    }

    MoreBelow {
        flick: reading
        ground: Theme.background
    }

    MediaViewer {
        objectName: "pictureViewer"
        anchors.fill: parent
        // Above the page's header and footer too: the whole screen is the picture. The
        // window's only child is Main.qml's stage, which turns with a screen on its side.
        parent: intro.Window.contentItem.children[0]
        z: 10
        shown: intro.zoomable && intro.kiosk.detail === "picture"
        source: intro.section.illustration
        alt: intro.section.illustrationAlt
        credit: intro.section.illustrationCredit
        licence: intro.section.illustrationLicence
        closeLabel: intro.kiosk.ui.close
        onClosed: intro.kiosk.closeDetail()
    }
}
