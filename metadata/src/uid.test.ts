/** @jest-environment node */
import { createHash } from 'node:crypto'
import { sha256, uid, UID_PATTERN } from './uid'

describe('uid', () => {
    it('computes SHA-256 like node:crypto', () => {
        for (const s of ['', 'abc', 'dyad:program:DYAD_MOTHER', 'é'.repeat(100)]) {
            expect(Buffer.from(sha256(s)).toString('hex')).toBe(
                createHash('sha256').update(s).digest('hex')
            )
        }
    })
    it('gives valid, stable, kind-specific UIDs', () => {
        const a = uid('dataElement', 'DYAD_FP_COUNSELLED')
        expect(a).toMatch(UID_PATTERN)
        expect(uid('dataElement', 'DYAD_FP_COUNSELLED')).toBe(a)
        expect(uid('programIndicator', 'DYAD_FP_COUNSELLED')).not.toBe(a)
        // pinned: a rebuild must never change an identifier
        expect(uid('program', 'DYAD_MOTHER')).toBe('G47QfMaowqW')
    })
})
