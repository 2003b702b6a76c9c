import Foundation

/// One OpenSSH public key as `ssh-keygen` writes it (`TYPE BASE64 [COMMENT]`), checked: a known type, a
/// base64 body that decodes into a key blob of that type, no `authorized_keys` options in front.
public struct SSHPublicKey: Hashable, Sendable {
    /// The key types accepted: what current OpenSSH clients make and servers accept without options.
    public static let types = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"]

    public var type: String
    /// The key blob in base64, as it stands in the file.
    public var base64: String
    /// The comment after the key (often `user@host`); printable characters only.
    public var comment: String

    /// Why a text is not one public key.
    public enum Problem: Error, Equatable, CustomStringConvertible, Sendable {
        case empty
        case privateKey
        case severalLines(Int)
        case options(String)
        case unknownType(String)
        case noBody
        case badBase64
        case blobMismatch(String)
        case weakRSA(Int)
        case badComment

        public var description: String {
            let how = "give one public key line as ssh-keygen wrote it (the .pub file: TYPE BASE64 COMMENT)"
            switch self {
            case .empty: return "the key file holds no key: \(how)"
            case .privateKey: return "this is a private key, which never leaves its owner: give the public key (the .pub file beside it)"
            case .severalLines(let n): return "the key file holds \(n) lines, not one key: \(how)"
            case .options(let o):
                return "the key line starts with authorized_keys options (\(o)); oversight writes the options itself: \(how)"
            case .unknownType(let t):
                return "\"\(t)\" is not a key type accepted here (\(SSHPublicKey.types.joined(separator: ", "))): \(how)"
            case .noBody: return "the key line has a type but no key after it: \(how)"
            case .badBase64: return "the key is not valid base64 (damaged or cut short when copied?): \(how)"
            case .blobMismatch(let t): return "the key's contents do not hold a \(t) key (damaged, or the type was changed): \(how)"
            case .weakRSA(let bits): return "an RSA key of \(bits) bits is too weak: make one of at least 2048 bits, or better ssh-keygen -t ed25519"
            case .badComment: return "the key's comment holds control characters: \(how)"
            }
        }
    }

    /// Reads the text of a `.pub` file: exactly one key line; blank lines around it are ignored.
    public init(fileText text: String) throws {
        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        guard !lines.isEmpty else { throw Problem.empty }
        guard !text.contains("PRIVATE KEY") else { throw Problem.privateKey }
        guard lines.count == 1 else { throw Problem.severalLines(lines.count) }
        try self.init(line: String(lines[0]))
    }

    /// Reads one key line.
    public init(line: String) throws {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let fields = trimmed.split(maxSplits: 2, omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
        guard let first = fields.first.map(String.init) else { throw Problem.empty }
        guard Self.types.contains(first) else {
            // What an authorized_keys line puts before the type: `restrict`, `command="…"`, `from=…,no-pty`.
            let looksLikeOptions = first.contains("=") || first.contains(",") || first.contains("\"")
                || ["restrict", "cert-authority", "no-pty", "pty", "no-port-forwarding", "no-agent-forwarding",
                    "no-X11-forwarding", "no-user-rc", "no-touch-required", "verify-required"].contains(first)
            if looksLikeOptions { throw Problem.options(String(first.prefix(40))) }
            throw Problem.unknownType(String(first.prefix(40)))
        }
        guard fields.count >= 2 else { throw Problem.noBody }
        let body = String(fields[1])
        guard body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }),
              let blob = Data(base64Encoded: body), !blob.isEmpty
        else { throw Problem.badBase64 }
        try Self.check(blob: [UInt8](blob), type: first)
        let comment = fields.count > 2 ? String(fields[2]).trimmingCharacters(in: .whitespaces) : ""
        guard !comment.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
        }) else { throw Problem.badComment }
        type = first
        base64 = body
        self.comment = comment
    }

    /// The key blob.
    public var blob: [UInt8] { [UInt8](Data(base64Encoded: base64) ?? Data()) }

    /// The fingerprint as `ssh-keygen -l` prints it: `SHA256:` and the unpadded base64 of the blob's SHA-256.
    public var fingerprint: String {
        "SHA256:" + Data(SHA256.hash(blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// The line as `TYPE BASE64 [COMMENT]`.
    public var line: String { comment.isEmpty ? "\(type) \(base64)" : "\(type) \(base64) \(comment)" }

    /// The blob's own fields agree with the type (as ssh-keygen checks when it reads a key).
    private static func check(blob: [UInt8], type: String) throws {
        var reader = BlobReader(bytes: blob)
        guard let inner = reader.string(), String(decoding: inner, as: UTF8.self) == type else {
            throw Problem.blobMismatch(type)
        }
        switch type {
        case "ssh-ed25519":
            guard let key = reader.string(), key.count == 32, reader.atEnd else { throw Problem.blobMismatch(type) }
        case "ssh-rsa":
            guard reader.string() != nil, let n = reader.string(), reader.atEnd else { throw Problem.blobMismatch(type) }
            let significant = n.drop { $0 == 0 }
            let bits = significant.isEmpty ? 0 : (significant.count - 1) * 8 + (8 - significant.first!.leadingZeroBitCount)
            guard bits >= 2048 else { throw Problem.weakRSA(bits) }
        default:  // ecdsa-sha2-<curve>: the curve's name, then the point
            let curve = String(type.dropFirst("ecdsa-sha2-".count))
            guard let name = reader.string(), String(decoding: name, as: UTF8.self) == curve,
                  let point = reader.string(), !point.isEmpty, reader.atEnd
            else { throw Problem.blobMismatch(type) }
        }
    }

    /// Reads the length-prefixed strings of an SSH key blob (RFC 4251).
    private struct BlobReader {
        var bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func string() -> [UInt8]? {
            guard bytes.count - offset >= 4 else { return nil }
            let n = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard n <= bytes.count - offset - 4 else { return nil }
            defer { offset += 4 + n }
            return Array(bytes[offset + 4..<offset + 4 + n])
        }
    }
}

/// SHA-256 (FIPS 180-4), for key fingerprints: a few dozen lines instead of a dependency or a subprocess.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.count) &* 8
        for i in (0..<8).reversed() { padded.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }

        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var w = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: padded.count, by: 64) {
            for i in 0..<16 {
                let j = chunk + i * 4
                w[i] = UInt32(padded[j]) << 24 | UInt32(padded[j + 1]) << 16 | UInt32(padded[j + 2]) << 8 | UInt32(padded[j + 3])
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d
            h[4] = h[4] &+ e; h[5] = h[5] &+ f; h[6] = h[6] &+ g; h[7] = h[7] &+ hh
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - UInt32($0) * 8)) } }
    }
}
