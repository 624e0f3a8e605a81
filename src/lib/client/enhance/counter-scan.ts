// At the counter: read the booking's QR code with the device camera, where the browser can
// (BarcodeDetector + camera); otherwise the clerk types the reference, which always works.
interface Detector {
	detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
declare const BarcodeDetector: (new (options: { formats: string[] }) => Detector) | undefined;

const form = document.getElementById('check-in-form') as HTMLFormElement | null;
const input = document.getElementById('reference') as HTMLInputElement | null;
const button = document.getElementById('scan-button') as HTMLButtonElement | null;
const video = document.getElementById('scan-video') as HTMLVideoElement | null;
const REFERENCE = /^[A-Z0-9]{4}-?[A-Z0-9]{4}$/i;

async function scan(): Promise<void> {
	if (!form || !input || !video || typeof BarcodeDetector === 'undefined') return;
	const stream = await navigator.mediaDevices.getUserMedia({
		video: { facingMode: 'environment' }
	});
	const detector = new BarcodeDetector({ formats: ['qr_code'] });
	video.srcObject = stream;
	video.hidden = false;
	await video.play();
	const stop = () => {
		for (const track of stream.getTracks()) track.stop();
		video.hidden = true;
	};
	const deadline = Date.now() + 60_000;
	const tick = async (): Promise<void> => {
		if (Date.now() > deadline) return stop();
		const codes = await detector.detect(video).catch(() => []);
		const found = codes.map((c) => c.rawValue.trim()).find((v) => REFERENCE.test(v));
		if (!found) {
			setTimeout(() => void tick(), 250);
			return;
		}
		stop();
		input.value = found;
		form.requestSubmit();
	};
	await tick();
}

if (button && typeof BarcodeDetector !== 'undefined' && 'mediaDevices' in navigator) {
	button.hidden = false;
	button.addEventListener('click', () => {
		scan().catch(() => {
			// Camera refused or missing: typing the reference still works.
			button.hidden = true;
		});
	});
}
