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

    // -- palette, drawn from the place: coal, chalk, brick, terril green, the blason's gold --
    readonly property color background: contentColours.background ?? "#121417"
    readonly property color surface: contentColours.surface ?? "#1d2126"
    readonly property color surfaceRaised: "#2a2f36"
    readonly property color text: contentColours.text ?? "#f3efe6"
    readonly property color textMuted: "#c4bdb0"
    readonly property color accent: contentColours.accent ?? "#e3b23c"
    readonly property color accentInk: "#121417"
    readonly property color brick: "#c0583f"
    readonly property color terril: "#7ea35a"
    readonly property color sky: "#5b9bd5"
    readonly property color sand: "#d8cbb0"
    readonly property color scrim: "#cc0b0c0e"
    readonly property color divider: "#3a4048"
    readonly property color night: "#000000"        // closed: the screen black, the panel at rest

    // -- type: legible from a metre (body >= 24 px, headings >= 48 px at 1080p) --
    readonly property string sansFamily: "Inter"
    readonly property string serifFamily: "Roboto Slab"
    readonly property real fontDisplay: Math.round(80 * scale)
    readonly property real fontHeading: Math.round(64 * scale)
    readonly property real fontTileTitle: Math.round(40 * scale)
    readonly property real fontLead: Math.round(34 * scale)
    readonly property real fontBody: Math.round(27 * scale)
    readonly property real fontLabel: Math.round(26 * scale)
    readonly property real fontSmall: Math.round(24 * scale)
    readonly property real fontCountdown: Math.round(150 * scale)
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
    // admin screen: PIN pad keys and dots, touch-test squares
    readonly property real pinKey: Math.round(112 * scale)
    readonly property real pinDot: Math.round(28 * scale)
    readonly property real touchTestCell: Math.round(135 * scale)

    readonly property real problemsShare: 0.45  // the most of the window kiosk preview's problem list takes

    // -- motion --
    readonly property int transitionMs: 260       // page changes: <= 300 ms
    readonly property int careShiftMs: 4000       // burn-in care: a shift of a few pixels, too slow to see
    readonly property int careDimMs: 1500         // burn-in care: dimming after a quiet time, and back
    readonly property int fadeMs: 1200            // attract cross-fades
    readonly property int confirmMs: 4000         // a second touch confirms restart / quit within this time
    readonly property int wakeFadeMs: 600         // the closed message fades in on a touch, out when it sleeps
}
