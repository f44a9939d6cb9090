;; The resampler's inner loop in WebAssembly SIMD: one polyphase FIR output per step, four taps
;; per instruction. V8 does not vectorise the JavaScript loop, and this loop was a fifth of all
;; indexing time (134 taps per output at 44.1 kHz → 22.05 kHz). resample.ts lays out the memory
;; and keeps every read inside the copied input: rows are zero-padded to a multiple of 8 taps and
;; the input is followed by 8 zero samples.
;;
;; Assembled by `node scripts/build-wasm.mjs` into resample-kernel.wasm.ts (committed); a test
;; checks that the two agree.
(module
  ;; 8 MiB from the start, enough for every common rate pair (about 1 MiB from 44.1–192 kHz, 2 MiB
  ;; from 384 kHz): growing a memory detaches its old ArrayBuffer, and V8 then guards every typed
  ;; array access in the thread against detachment, which made the analysis after decoding ~20%
  ;; slower. Only odd rates with thousands of phases from above 96 kHz still grow it.
  (memory (export "memory") 128)

  ;; Outputs out[0..count) from input floats at `input` and a table of `phases` rows of `stride`
  ;; floats at `table`. Output i starts at input sample `whole` (tap 0) in row `phase`, then the
  ;; time steps by stepWhole + stepNumerator / stepDenominator input samples, as in resample.ts.
  ;; With fewer rows than phases the phase is rounded to the nearest row.
  (func (export "polyphase")
    (param $input i32) (param $table i32) (param $stride i32) (param $phases i32)
    (param $output i32) (param $count i32)
    (param $whole i32) (param $numerator i32)
    (param $stepWhole i32) (param $stepNumerator i32) (param $stepDenominator i32)
    (local $i i32) (local $phase i32) (local $start i32) (local $inputAt i32) (local $rowAt i32)
    (local $tap i32) (local $sum0 v128) (local $sum1 v128) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (block $done
      (loop $outputs
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        ;; phase = numerator exactly, or round(numerator · phases / denominator)
        (local.set $phase
          (if (result i32) (i32.eq (local.get $phases) (local.get $stepDenominator))
            (then (local.get $numerator))
            (else
              (i32.wrap_i64
                (i64.div_u
                  (i64.add
                    (i64.mul (i64.extend_i32_u (local.get $numerator)) (i64.extend_i32_u (i32.shl (local.get $phases) (i32.const 1))))
                    (i64.extend_i32_u (local.get $stepDenominator)))
                  (i64.extend_i32_u (i32.shl (local.get $stepDenominator) (i32.const 1))))))))
        (local.set $start (local.get $whole))
        (if (i32.eq (local.get $phase) (local.get $phases))
          (then
            (local.set $phase (i32.const 0))
            (local.set $start (i32.add (local.get $start) (i32.const 1)))))
        (local.set $inputAt (i32.add (local.get $input) (i32.shl (local.get $start) (i32.const 2))))
        (local.set $rowAt (i32.add (local.get $table) (i32.mul (local.get $phase) (local.get $rowBytes))))
        (local.set $sum0 (f32x4.splat (f32.const 0)))
        (local.set $sum1 (f32x4.splat (f32.const 0)))
        (local.set $tap (i32.const 0))
        ;; Two independent sums so the multiply-adds overlap.
        (block $rowDone
          (loop $taps
            (br_if $rowDone (i32.ge_u (local.get $tap) (local.get $rowBytes)))
            (local.set $sum0
              (f32x4.add (local.get $sum0)
                (f32x4.mul
                  (v128.load (i32.add (local.get $inputAt) (local.get $tap)))
                  (v128.load (i32.add (local.get $rowAt) (local.get $tap))))))
            (local.set $sum1
              (f32x4.add (local.get $sum1)
                (f32x4.mul
                  (v128.load offset=16 (i32.add (local.get $inputAt) (local.get $tap)))
                  (v128.load offset=16 (i32.add (local.get $rowAt) (local.get $tap))))))
            (local.set $tap (i32.add (local.get $tap) (i32.const 32)))
            (br $taps)))
        (local.set $sum0 (f32x4.add (local.get $sum0) (local.get $sum1)))
        (f32.store
          (i32.add (local.get $output) (i32.shl (local.get $i) (i32.const 2)))
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (f32x4.extract_lane 1 (local.get $sum0)))
            (f32.add (f32x4.extract_lane 2 (local.get $sum0)) (f32x4.extract_lane 3 (local.get $sum0)))))
        (local.set $whole (i32.add (local.get $whole) (local.get $stepWhole)))
        (local.set $numerator (i32.add (local.get $numerator) (local.get $stepNumerator)))
        (if (i32.ge_u (local.get $numerator) (local.get $stepDenominator))
          (then
            (local.set $numerator (i32.sub (local.get $numerator) (local.get $stepDenominator)))
            (local.set $whole (i32.add (local.get $whole) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outputs)))))
