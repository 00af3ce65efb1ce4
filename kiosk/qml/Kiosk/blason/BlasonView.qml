pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// The coat of arms, explained by touch: tap a charge to light it up and read its card;
// "Discover" walks through every charge in turn; heraldic words open a short explanation.
Item {
    id: view

    required property KioskController kiosk
    required property SectionItem section
    required property AudioController audio
    readonly property BlasonController blason: view.section.controller as BlasonController
    readonly property int openIndex: view.blason.indexOf(view.kiosk.detail)
    readonly property var charge: view.openIndex >= 0 ? view.blason.chargeAt(view.openIndex, view.kiosk.language) : ({})
    property bool discovering: false
    property int discoverInterval: 7000
    property string glossaryId: ""
    readonly property var glossary: view.glossaryId.length > 0 ? view.blason.glossaryEntry(view.glossaryId, view.kiosk.language) : ({})
    // Portrait: the arms on top with the charge buttons under them, the text below.
    // Landscape: the arms and their buttons on the left, the text on the right.
    readonly property bool portrait: view.width < view.height
    // The story's heraldic words ({id, word}), for keys: the links inside the text take
    // only a touch, so a row of buttons gives them while keys are in use.
    readonly property var storyWords: {
        const words = [];
        const links = /<a href="glossary:([^"]+)">([^<]*)<\/a>/g;
        let found;
        while ((found = links.exec(view.charge.story ?? "")) !== null) {
            if (!words.some(entry => entry.id === found[1]))
                words.push({ "id": found[1], "word": found[2] });
        }
        return words;
    }
    // The control that had the focus before a heraldic word's card opened.
    property Item returnFocus: null

    function discover(): void {
        view.discovering = true;
        view.kiosk.openDetail(view.blason.idAt(0));
        walker.restart();
    }

    objectName: "blasonView"

    onOpenIndexChanged: {
        if (view.openIndex < 0)
            view.discovering = false;
        view.glossaryId = "";
    }
    // The card of a heraldic word takes the focus to its Close button, and gives it back.
    onGlossaryIdChanged: {
        if (view.glossaryId.length > 0) {
            if (!view.returnFocus)
                view.returnFocus = view.Window.activeFocusItem;
            glossaryClose.forceActiveFocus(Qt.OtherFocusReason);
        } else if (view.returnFocus) {
            view.returnFocus.forceActiveFocus(Qt.OtherFocusReason);
            view.returnFocus = null;
        }
    }

    Timer {
        id: walker
        interval: view.discoverInterval
        repeat: true
        running: view.discovering
        onTriggered: {
            const next = view.openIndex + 1;
            if (next >= view.blason.count) {
                view.discovering = false;
                return;
            }
            view.kiosk.openDetail(view.blason.idAt(next));
        }
    }

    HotspotImage {
        id: arms
        objectName: "armsImage"
        x: Theme.margin
        y: 0
        width: view.portrait ? view.width - Theme.margin * 2 : Math.min(view.width * 0.44, height * 0.9)
        height: view.portrait ? Math.round(view.height * 0.36) : actions.y - Theme.gutter
        source: view.blason.arms
        alt: view.blason.armsAlt
        regions: view.blason.regions
        selectedId: view.openIndex >= 0 ? view.kiosk.detail : ""
        onTapped: (x, y) => {
            view.discovering = false;
            const hit = view.blason.hitTest(x, y);
            if (hit.length > 0)
                view.kiosk.openDetail(hit);
            else
                view.kiosk.closeDetail();
        }
    }

    // "Discover", and every charge by name, for those who would rather not aim at the drawing:
    // under the arms in portrait, a strip under the arms and the text in landscape.
    Flow {
        id: actions
        objectName: "chargeButtons"
        x: Theme.margin
        y: view.portrait ? arms.y + arms.height + Theme.gutter : view.height - Theme.spacing - actions.height
        width: view.width - Theme.margin * 2
        spacing: Theme.spacing

        KioskButton {
            objectName: "discoverButton"
            primary: !view.discovering
            text: view.discovering ? view.kiosk.ui.stop : "▶  " + view.kiosk.ui.discover
            onClicked: {
                if (view.discovering)
                    view.discovering = false;
                else
                    view.discover();
            }
        }
        Repeater {
            model: view.blason.regions
            KioskButton {
                required property var modelData
                objectName: "chargeButton-" + modelData.chargeId
                text: modelData.name
                width: Math.min(implicitWidth, actions.width)
                fill: view.kiosk.detail === modelData.chargeId ? Theme.surfaceRaised : Theme.surface
                border.color: view.kiosk.detail === modelData.chargeId ? Theme.accent : Theme.divider
                onClicked: {
                    view.discovering = false;
                    view.kiosk.openDetail(modelData.chargeId);
                }
            }
        }
    }

    // Marks the charge's explanation (or the introduction) while its recording plays.
    ReadingBand {
        objectName: "reading-" + listen.key
        flick: reading
        block: words
        on: listen.mine
    }

    Flickable {
        id: reading
        objectName: "blasonText"
        x: view.portrait ? Theme.margin : arms.x + arms.width + Theme.margin
        y: view.portrait ? actions.y + actions.height + Theme.gutter : 0
        width: view.width - reading.x - Theme.margin
        height: view.portrait ? view.height - Theme.spacing - reading.y : actions.y - Theme.gutter
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
            spacing: Theme.gutter

            Rectangle {
                Accessible.ignored: true
                width: Math.round(96 * Theme.scale)
                height: Math.round(10 * Theme.scale)
                radius: height / 2
                color: view.section.colour
            }
            Text {
                objectName: "chargeName"
                Accessible.role: Accessible.Heading
                Accessible.name: text
                width: parent.width
                text: view.openIndex >= 0 ? view.charge.name : view.section.title
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontHeading
                font.weight: Font.Bold
            }
            // The charge's explanation read aloud (no charge open: the introduction shown
            // here), where it has a recording in the visitor's language.
            ListenButton {
                id: listen
                objectName: "listen-" + listen.key
                width: Math.min(implicitWidth, parent.width)
                audio: view.audio
                kiosk: view.kiosk
                key: view.openIndex >= 0 ? "blason:" + view.blason.idAt(view.openIndex) : view.section.kind
            }
            Text {
                width: parent.width
                text: view.openIndex >= 0 ? view.charge.meaning : view.section.lead
                textFormat: Text.PlainText
                color: view.openIndex >= 0 ? Theme.accent : Theme.text
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontLead
                font.weight: Font.Medium
            }
            // The story: escaped text whose heraldic words are links to the glossary.
            Text {
                objectName: "chargeStory"
                Accessible.role: Accessible.StaticText
                Accessible.name: (view.charge.story ?? "").replace(/<[^>]*>/g, "")
                visible: view.openIndex >= 0
                width: parent.width
                text: view.charge.story ?? ""
                textFormat: Text.StyledText
                color: Theme.text
                linkColor: Theme.accent
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
                onLinkActivated: link => {
                    if (link.startsWith("glossary:"))
                        view.glossaryId = link.substring(9);
                }
            }
            Text {
                objectName: "touchHint"
                visible: view.openIndex < 0
                width: parent.width
                text: (view.portrait ? "↑  " : "↖  ") + view.kiosk.ui.touch_a_charge  // the arms are above, or to the left
                textFormat: Text.PlainText
                color: Theme.accent
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
            }
            Text {
                visible: view.openIndex < 0
                width: parent.width
                text: view.section.body
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }
            // Keys: the story's heraldic words as buttons (shown only while keys are in use:
            // a touch reaches the words in the text).
            Flow {
                id: wordKeys
                objectName: "glossaryWords"
                visible: Theme.focusVisible && view.openIndex >= 0 && view.storyWords.length > 0
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: wordKeys.visible ? view.storyWords : []
                    KioskButton {
                        required property var modelData
                        objectName: "glossaryWord-" + modelData.id
                        text: "?  " + modelData.word
                        Accessible.name: modelData.word
                        width: Math.min(implicitWidth, wordKeys.width)
                        onClicked: view.glossaryId = modelData.id
                    }
                }
            }
            Flow {
                id: chargeLinks
                visible: view.openIndex >= 0 && (view.charge.related ?? []).length > 0
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: view.charge.related ?? []
                    KioskButton {
                        required property var modelData
                        objectName: "link-" + modelData.link
                        text: modelData.label + "  →"
                        width: Math.min(implicitWidth, chargeLinks.width)
                        onClicked: view.kiosk.openLink(modelData.link)
                    }
                }
            }
            Text {
                width: parent.width
                text: view.blason.armsCredit
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.italic: true
            }
        }
    }

    ScrollKeys {
        flick: reading
        name: view.openIndex >= 0 ? (view.charge.name ?? "") : view.section.title
    }

    MoreBelow {
        flick: reading
        ground: Theme.background
    }

    // A heraldic word, explained in plain words. A touch anywhere closes it.
    Item {
        id: glossaryCard
        objectName: "glossaryCard"
        anchors.fill: parent
        visible: view.glossaryId.length > 0

        Accessible.role: Accessible.Dialog
        Accessible.name: view.glossary.term ?? ""

        Rectangle {
            anchors.fill: parent
            color: Theme.scrim
            Accessible.ignored: true
        }
        TapHandler {
            onTapped: view.glossaryId = ""
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - Theme.margin * 2, Math.round(1000 * Theme.scale))
            height: glossaryWords.height + Theme.margin * 2
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.borderWidth
            border.color: Theme.accent

            Column {
                id: glossaryWords
                anchors.centerIn: parent
                width: parent.width - Theme.margin * 2
                spacing: Theme.gutter
                Text {
                    objectName: "glossaryTerm"
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                    width: parent.width
                    text: view.glossary.term ?? ""
                    textFormat: Text.PlainText
                    color: Theme.accent
                    wrapMode: Text.WordWrap
                    font.family: Theme.serifFamily
                    font.pixelSize: Theme.fontHeading
                    font.weight: Font.Bold
                }
                Text {
                    objectName: "glossaryDefinition"
                    width: parent.width
                    text: view.glossary.definition ?? ""
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    lineHeight: Theme.lineHeight
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLead
                }
                KioskButton {
                    id: glossaryClose
                    objectName: "glossaryClose"
                    text: "×  " + view.kiosk.ui.close
                    Accessible.name: view.kiosk.ui.close
                    // The card covers the view: the focus stays on its one button; Escape closes it.
                    Keys.onPressed: event => {
                        if (event.key === Qt.Key_Escape || event.key === Qt.Key_Back) {
                            view.glossaryId = "";
                            event.accepted = true;
                        } else {
                            event.accepted = [Qt.Key_Tab, Qt.Key_Backtab, Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down].indexOf(event.key) >= 0;
                        }
                    }
                    onClicked: view.glossaryId = ""
                }
            }
        }
    }
}
