pragma Singleton
import QtQuick

// Every colour, size, spacing and duration of the kiosk. Pages use these names, never numbers.
// Sizes are given for a 1080-pixel-high screen and scaled with the window (`scale`), so
// 720p, 1080p and 4K screens, landscape or portrait, keep the same proportions.
QtObject {
    id: theme

    // Set by Main.qml: min(width, height) / 1080.
    property real scale: 1.0
    // Colour overrides from the content manifest (theme: background, surface, text, accent).
    property var contentColours: ({})

    // -- the visitor's accessibility modes (bridge/accessibility.py), bound by Main.qml --
    // Larger text: every font size below is multiplied by textScale.
    property bool largerText: false
    readonly property real textScale: theme.largerText ? 1.4 : 1.0
    // High contrast: the second palette (body text >= 7:1); the content's colours give way.
    property bool highContrast: false
    // Less motion: no drifting pictures, no scrolling strips, no count-up, cross-fades only.
    property bool lessMotion: false
    // Reach mode: pages and their controls in the lower `reachShare` of the window.
    property bool reach: false
    property real reachShare: 0.4
    // The room the accessibility button takes at the left of the pages' bottom row (Main.qml
    // sets it while the button shows): page footers start after it.
    property real accessibilityRoom: 0
    // The room the language choice takes at the right of the top bar (Main.qml sets it).
    property real languageRoom: 0
    // Keys (a tactile keypad, a switch, a keyboard): the focus ring shows while the visitor
    // uses them and goes at the next touch (bridge/accessibility.py's keysUsed, bound by Main.qml).
    property bool focusVisible: false

    // -- palette, drawn from the place: coal, chalk, brick, terril green, the blason's gold --
    readonly property color background: theme.highContrast ? "#000000" : (contentColours.background ?? "#121417")
    readonly property color surface: theme.highContrast ? "#000000" : (contentColours.surface ?? "#1d2126")
    readonly property color surfaceRaised: theme.highContrast ? "#1a1a1a" : "#2a2f36"
    readonly property color text: theme.highContrast ? "#ffffff" : (contentColours.text ?? "#f3efe6")
    readonly property color textMuted: theme.highContrast ? "#ebebeb" : "#c4bdb0"
    readonly property color accent: theme.highContrast ? "#ffd23f" : (contentColours.accent ?? "#e3b23c")
    readonly property color accentInk: theme.highContrast ? "#000000" : "#121417"
    readonly property color brick: "#c0583f"
    readonly property color terril: "#7ea35a"
    readonly property color sky: "#5b9bd5"
    readonly property color sand: "#d8cbb0"
    readonly property color scrim: "#cc0b0c0e"
    readonly property color divider: theme.highContrast ? "#9a9a9a" : "#3a4048"
    readonly property color night: "#000000"        // closed: the screen black, the panel at rest
    // A text being read aloud (its Listen button plays): a soft accent band behind it, and
    // a solid bar at its left edge, so it shows without colour too (ReadingBand.qml).
    readonly property color reading: Qt.rgba(theme.accent.r, theme.accent.g, theme.accent.b, theme.highContrast ? 0.2 : 0.12)

    // -- type: legible from a metre (body >= 24 px, headings >= 48 px at 1080p) --
    readonly property string sansFamily: "Inter"
    readonly property string serifFamily: "Roboto Slab"
    readonly property real fontDisplay: Math.round(80 * scale * textScale)
    readonly property real fontHeading: Math.round(64 * scale * textScale)
    readonly property real fontTileTitle: Math.round(40 * scale * textScale)
    readonly property real fontLead: Math.round(34 * scale * textScale)
    readonly property real fontBody: Math.round(27 * scale * textScale)
    readonly property real fontLabel: Math.round(26 * scale * textScale)
    readonly property real fontSmall: Math.round(24 * scale * textScale)
    readonly property real fontCountdown: Math.round(150 * scale)  // already far past 1.4x the body
    readonly property real lineHeight: 1.3

    // -- geometry --
    readonly property real touchTarget: Math.round(80 * scale)   // >= 64 px at 1080p
    readonly property real margin: Math.round(64 * scale)
    readonly property real gutter: Math.round(32 * scale)
    readonly property real spacing: Math.round(16 * scale)
    readonly property real radius: Math.round(20 * scale)
    readonly property real topBarHeight: Math.round(120 * scale)
    readonly property real readingWidth: Math.round(860 * scale)
    readonly property real closedWidth: Math.round(1200 * scale)  // the closed message
    readonly property real borderWidth: Math.max(2, Math.round(3 * scale))
    readonly property real readingBar: Math.max(4, Math.round(8 * scale))  // ReadingBand's left edge
    // The focus ring: a thick accent line, a dark line inside it (seen on any ground, the
    // accent's own included), a small gap from the control it surrounds.
    readonly property real focusRingWidth: Math.max(3, Math.round(6 * scale))
    readonly property real focusRingHalo: Math.max(2, Math.round(3 * scale))
    readonly property real focusRingGap: Math.max(2, Math.round(4 * scale))
    // admin screen: PIN pad keys and dots, touch-test squares
    readonly property real pinKey: Math.round(112 * scale)
    readonly property real pinDot: Math.round(28 * scale)
    readonly property real touchTestCell: Math.round(135 * scale)

    readonly property real problemsShare: 0.45  // the most of the window kiosk preview's problem list takes

    // -- motion --
    readonly property int transitionMs: 260       // page changes: <= 300 ms
    readonly property real transitionRise: theme.lessMotion ? 0 : theme.gutter  // a new page rises this far
    readonly property int careShiftMs: 4000       // burn-in care: a shift of a few pixels, too slow to see
    readonly property int careDimMs: 1500         // burn-in care: dimming after a quiet time, and back
    readonly property int fadeMs: 1200            // attract cross-fades
    readonly property int confirmMs: 4000         // a second touch confirms restart / quit within this time
    readonly property int wakeFadeMs: 600         // the closed message fades in on a touch, out when it sleeps
}
