;; The timbre network's 3×3 convolutions in WebAssembly SIMD, four outputs per instruction. V8 does
;; not vectorise conv.ts's JavaScript loop, which cost ~3 ms per analysed file. conv.ts lays out the
;; memory: the input zero-bordered (one row and column on each side of every channel's plane, so a
;; tap is one shift of the flattened plane), the weights, the biases, a scratch row of sums and the
;; output; every buffer is followed by at least 4 spare floats, so the last vector may overrun.
;;
;; Assembled by `node scripts/build-wasm.mjs` into conv-kernel.wasm.ts (committed); a test checks
;; that the two agree.
(module
  ;; 4 MiB, never grown (growing detaches the memory's ArrayBuffer, which slows every typed array
  ;; access in the thread: see resample-kernel.wat). conv.ts checks a layer fits before calling.
  (memory (export "memory") 64)

  ;; out[o][y][x] = max(0, bias[o] + Σ_c Σ_tap weights[o][c][tap] · padded[c][y + ty][x + tx]) for a
  ;; height × width map. Every pointer is a byte offset; sums holds height · (width + 2) + 4 floats.
  (func (export "conv3x3Relu")
    (param $padded i32) (param $weights i32) (param $bias i32) (param $sums i32) (param $out i32)
    (param $inChannels i32) (param $outChannels i32) (param $height i32) (param $width i32)
    (local $paddedWidth i32) (local $planeBytes i32) (local $span i32) (local $o i32) (local $c i32)
    (local $tap i32) (local $weight f32) (local $w v128) (local $i i32) (local $from i32)
    (local $kernelAt i32) (local $y i32) (local $x i32) (local $rowAt i32) (local $outAt i32) (local $value f32)
    (local.set $paddedWidth (i32.add (local.get $width) (i32.const 2)))
    (local.set $planeBytes (i32.shl (i32.mul (i32.add (local.get $height) (i32.const 2)) (local.get $paddedWidth)) (i32.const 2)))
    ;; Sums 1 .. span - 2 are the ones read back; the first vector starts at float 1.
    (local.set $span (i32.mul (local.get $height) (local.get $paddedWidth)))
    (local.set $outAt (local.get $out))
    (local.set $o (i32.const 0))
    (block $outputsDone
      (loop $outputs
        (br_if $outputsDone (i32.ge_u (local.get $o) (local.get $outChannels)))
        ;; sums = bias[o]
        (local.set $w (f32x4.splat (f32.load (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 2))))))
        (local.set $i (i32.const 0))
        (block $fillDone
          (loop $fill
            (br_if $fillDone (i32.ge_u (local.get $i) (local.get $span)))
            (v128.store (i32.add (local.get $sums) (i32.shl (local.get $i) (i32.const 2))) (local.get $w))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $fill)))
        (local.set $c (i32.const 0))
        (block $inputsDone
          (loop $inputs
            (br_if $inputsDone (i32.ge_u (local.get $c) (local.get $inChannels)))
            (local.set $kernelAt
              (i32.add (local.get $weights)
                (i32.mul (i32.add (i32.mul (local.get $o) (local.get $inChannels)) (local.get $c)) (i32.const 36))))
            (local.set $tap (i32.const 0))
            (block $tapsDone
              (loop $taps
                (br_if $tapsDone (i32.ge_u (local.get $tap) (i32.const 9)))
                (local.set $weight (f32.load (i32.add (local.get $kernelAt) (i32.shl (local.get $tap) (i32.const 2)))))
                (if (f32.ne (local.get $weight) (f32.const 0))
                  (then
                    (local.set $w (f32x4.splat (local.get $weight)))
                    ;; Tap (row, column) reads the padded plane shifted by row · paddedWidth + column - 1
                    ;; floats from the accumulator's index.
                    (local.set $from
                      (i32.add
                        (i32.add (local.get $padded) (i32.mul (local.get $c) (local.get $planeBytes)))
                        (i32.shl
                          (i32.sub
                            (i32.add (i32.mul (i32.div_u (local.get $tap) (i32.const 3)) (local.get $paddedWidth))
                              (i32.rem_u (local.get $tap) (i32.const 3)))
                            (i32.const 1))
                          (i32.const 2))))
                    (local.set $i (i32.const 1))
                    (block $sumDone
                      (loop $sum
                        (br_if $sumDone (i32.ge_u (local.get $i) (i32.sub (local.get $span) (i32.const 1))))
                        (v128.store (i32.add (local.get $sums) (i32.shl (local.get $i) (i32.const 2)))
                          (f32x4.add
                            (v128.load (i32.add (local.get $sums) (i32.shl (local.get $i) (i32.const 2))))
                            (f32x4.mul (local.get $w) (v128.load (i32.add (local.get $from) (i32.shl (local.get $i) (i32.const 2)))))))
                        (local.set $i (i32.add (local.get $i) (i32.const 4)))
                        (br $sum)))))
                (local.set $tap (i32.add (local.get $tap) (i32.const 1)))
                (br $taps)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $inputs)))
        ;; ReLU and drop the border columns: output row y is sums[y · paddedWidth + 1 ..][0 .. width).
        (local.set $y (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $height)))
            (local.set $rowAt (i32.add (local.get $sums) (i32.shl (i32.add (i32.mul (local.get $y) (local.get $paddedWidth)) (i32.const 1)) (i32.const 2))))
            (local.set $x (i32.const 0))
            (block $columnsDone
              (loop $columns
                (br_if $columnsDone (i32.ge_u (local.get $x) (local.get $width)))
                (local.set $value (f32.load (i32.add (local.get $rowAt) (i32.shl (local.get $x) (i32.const 2)))))
                (f32.store (local.get $outAt) (f32.max (local.get $value) (f32.const 0)))
                (local.set $outAt (i32.add (local.get $outAt) (i32.const 4)))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $columns)))
            (local.set $y (i32.add (local.get $y) (i32.const 1)))
            (br $rows)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $outputs)))))
