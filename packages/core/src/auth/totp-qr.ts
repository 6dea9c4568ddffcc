import QRCode from "qrcode";

/**
 * The otpauth:// URI as an SVG QR code, drawn on the server (the encoder never reaches a browser
 * bundle). Error correction M, a 4-module quiet zone: what phone cameras read at arm's length.
 */
export const totpQrSvg = (uri: string) => QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 4, color: { dark: "#000000", light: "#ffffff" } });
