// Seals a bid on the bidder's device (envelope sealed-bid/1, docs/api.md) and decrypts it at the opening.
// The price, the proposal, the documents' bytes and the opening key stay in this page: they never travel over the
// Blazor circuit. Only the ciphertext goes to the portal, through its JSON API, and the key only at the opening.
// Web Crypto needs a secure context (https, or http on localhost).

const te = new TextEncoder();

function b64(bytes) {
    let text = "";
    const chunk = 0x8000;
    for (let i = 0; i < bytes.length; i += chunk) {
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
    }
    return btoa(text);
}

async function encrypt(keyBytes, plaintext, aad) {
    const key = await crypto.subtle.importKey("raw", keyBytes, "AES-GCM", false, ["encrypt"]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad, tagLength: 128 }, key, plaintext));
    return { iv, sealed };
}

function isPdf(bytes) {
    const head = "%PDF-";
    for (let i = 0; i < head.length; i++) if (bytes[i] !== head.charCodeAt(i)) return false;
    const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
    return tail.includes("%%EOF");
}

async function problemOf(response) {
    try {
        const problem = await response.json();
        if (problem.errors) {
            const first = Object.values(problem.errors)[0];
            if (first && first.length) return first[0];
        }
        return problem.detail || problem.title || `HTTP ${response.status}`;
    } catch {
        return `HTTP ${response.status}`;
    }
}

function el(form, name) {
    return form.querySelector(`[data-sb="${name}"]`);
}

/** The chosen documents, checked as the portal will check them once decrypted (count, size, PDF); a message key or null. */
async function readDocuments(input, maxBytes, maxFiles, sizeLabel) {
    const files = Array.from(input.files || []);
    if (files.length > maxFiles) return { error: ["At most {0} documents can be attached to a bid.", String(maxFiles)] };
    const documents = [];
    for (const file of files) {
        if (file.size > maxBytes) return { error: ["The file is larger than the {0} allowed per attachment.", sizeLabel] };
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (!isPdf(bytes)) return { error: ["This file is not a PDF: only PDF documents can be attached (its content does not start with %PDF-)."] };
        documents.push({ name: file.name.replace(/^.*[\\/]/, "").trim().normalize("NFC"), bytes });
    }
    return { documents };
}

/**
 * Wires the bid form: "Seal" checks the bid and draws the key and shows it; "Submit" encrypts and sends once the
 * bidder has kept the key. Messages to .NET are resource keys (and their arguments), never the bid's content.
 */
export function attachForm(form, lotId, maxBytes, maxFiles, sizeLabel, dotnet) {
    if (!form || form.dataset.sbReady) return;
    form.dataset.sbReady = "1";
    let key = null;
    const keyPanel = el(form, "key-panel");
    const kept = el(form, "kept");
    const submit = el(form, "submit");
    const seal = el(form, "seal");

    const fail = (message, ...args) => dotnet.invokeMethodAsync("SealFailed", message, args);

    const reset = () => {
        key = null;
        el(form, "key").textContent = "";
        const link = el(form, "key-file");
        if (link.href) URL.revokeObjectURL(link.href);
        link.removeAttribute("href");
        kept.checked = false;
        submit.disabled = true;
        keyPanel.hidden = true;
        seal.hidden = false;
    };

    // A bid changed after its key was shown is sealed again from the start: the shown key stays the bidder's choice,
    // but the checks run again on submit.
    seal.addEventListener("click", async () => {
        if (!window.isSecureContext || !crypto.subtle) {
            fail("Your browser cannot seal bids on this page: open the portal over https (or on localhost).");
            return;
        }
        const price = el(form, "price").value.trim();
        if (!/^\d+(\.\d{1,2})?$/.test(price) || Number(price) <= 0) {
            fail("Enter your price in yuan: a positive amount with at most two decimal places (fen).");
            return;
        }
        if (el(form, "proposal").value.trim().length === 0) {
            fail("Write your technical proposal.");
            return;
        }
        seal.disabled = true;
        try {
            const checked = await readDocuments(el(form, "files"), maxBytes, maxFiles, sizeLabel);
            if (checked.error) {
                fail(...checked.error);
                return;
            }
        } finally {
            seal.disabled = false;
        }
        key = crypto.getRandomValues(new Uint8Array(32));
        const text = b64(key);
        el(form, "key").textContent = text;
        const link = el(form, "key-file");
        link.href = URL.createObjectURL(new Blob([text + "\n"], { type: "text/plain" }));
        link.download = `sealed-bid-key-${lotId}.txt`;
        kept.checked = false;
        submit.disabled = true;
        keyPanel.hidden = false;
        seal.hidden = true;
        dotnet.invokeMethodAsync("SealCleared");
    });

    kept.addEventListener("change", () => { submit.disabled = !kept.checked || !key; });

    submit.addEventListener("click", async () => {
        if (!key || !kept.checked) return;
        submit.disabled = true;
        try {
            const price = el(form, "price").value.trim();
            if (!/^\d+(\.\d{1,2})?$/.test(price) || Number(price) <= 0) {
                fail("Enter your price in yuan: a positive amount with at most two decimal places (fen).");
                submit.disabled = false;
                return;
            }
            const checked = await readDocuments(el(form, "files"), maxBytes, maxFiles, sizeLabel);
            if (checked.error) {
                fail(...checked.error);
                submit.disabled = false;
                return;
            }
            const content = JSON.stringify({ priceYuan: Number(price), proposal: el(form, "proposal").value.trim() });
            const body = await encrypt(key, te.encode(content), te.encode(lotId));
            const response = await fetch(`api/v1/lots/${lotId}/bids`, {
                method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ sealed: { format: "sealed-bid/1", iv: b64(body.iv), ciphertext: b64(body.sealed) } }),
            });
            if (!response.ok) {
                fail(await problemOf(response));
                submit.disabled = false;
                return;
            }
            let refused = null;
            for (const file of checked.documents) {
                const part = await encrypt(key, file.bytes, te.encode(`${lotId}/${file.name}`));
                const upload = new Uint8Array(12 + part.sealed.length);
                upload.set(part.iv, 0);
                upload.set(part.sealed, 12);
                const data = new FormData();
                data.append("fileName", file.name);
                data.append("file", new Blob([upload], { type: "application/octet-stream" }), "sealed.bin");
                const attached = await fetch(`api/v1/lots/${lotId}/bids/mine/attachments`, { method: "POST", credentials: "same-origin", body: data });
                if (!attached.ok) {
                    refused = await problemOf(attached);
                    break;
                }
            }
            el(form, "price").value = "";
            el(form, "proposal").value = "";
            el(form, "files").value = "";
            reset();
            // The bid is in under this key even when a document was refused: the page shows what was received, then why.
            await dotnet.invokeMethodAsync("Sealed");
            if (refused) fail(refused);
        } catch (error) {
            fail(String(error && error.message || error));
            submit.disabled = false;
        }
    });
}

/** Wires the opening panel: the key from its file or pasted goes to the portal only now, at the opening. */
export function attachUnseal(panel, lotId, dotnet) {
    if (!panel || panel.dataset.sbReady) return;
    panel.dataset.sbReady = "1";
    const fileInput = el(panel, "key-file-input");
    const pasted = el(panel, "key-text");
    fileInput.addEventListener("change", async () => {
        const file = fileInput.files[0];
        if (file) pasted.value = (await file.text()).replace(/^\uFEFF/, "").trim();
    });
    el(panel, "unseal").addEventListener("click", async () => {
        let key = pasted.value.trim();
        if (!key && fileInput.files[0]) key = (await fileInput.files[0].text()).replace(/^\uFEFF/, "").trim();
        if (!key) {
            dotnet.invokeMethodAsync("SealFailed", "Paste or open your opening key.", []);
            return;
        }
        const button = el(panel, "unseal");
        button.disabled = true;
        try {
            const response = await fetch(`api/v1/lots/${lotId}/bids/mine/unseal`, {
                method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key }),
            });
            if (!response.ok) {
                await dotnet.invokeMethodAsync("SealFailed", await problemOf(response), []);
                return;
            }
            pasted.value = "";
            fileInput.value = "";
            await dotnet.invokeMethodAsync("Unsealed");
        } catch (error) {
            dotnet.invokeMethodAsync("SealFailed", String(error && error.message || error), []);
        } finally {
            button.disabled = false;
        }
    });
}
