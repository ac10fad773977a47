// QR codes of survey links: a small PNG (data URI) for an Adaptive Card, an SVG for print pages.
// Error correction "M": still readable on a crumpled print, and small enough for a 60-character link.
import QRCode from 'qrcode';

export function qrPngDataUri(text: string, size = 240): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
