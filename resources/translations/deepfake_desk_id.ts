<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Deepfake Detector</source>
        <translation>Tentang Deepfake Detector</translation>
    </message>
    <message>
        <source>&lt;p&gt;Checks whether an image or a video is likely to be real, or generated or manipulated by AI (a deepfake). Everything runs on this computer: no file ever leaves it, and no internet connection is needed.&lt;/p&gt;&lt;p&gt;Each file goes through the steps below. Several independent models score it; their calibrated scores are combined into one chance of fake, which falls into one of three bands: &lt;b&gt;{real}&lt;/b&gt;, &lt;b&gt;{uncertain}&lt;/b&gt; or &lt;b&gt;{fake}&lt;/b&gt;. Pictures the models cannot judge (charts, screenshots, drawings) are &lt;b&gt;{not_assessable}&lt;/b&gt;. Videos are scored on evenly sampled frames and judged by their worst stretch.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Memeriksa apakah sebuah gambar atau video kemungkinan asli, atau dibuat maupun dimanipulasi dengan AI (deepfake). Semua proses berjalan di komputer ini: tidak ada berkas yang dikirim ke luar, dan tidak perlu koneksi internet.&lt;/p&gt;&lt;p&gt;Setiap berkas melewati tahap-tahap di bawah. Beberapa model yang bekerja sendiri-sendiri memberinya skor; skor yang sudah dikalibrasi itu digabung menjadi satu peluang palsu, yang jatuh ke salah satu dari tiga rentang: &lt;b&gt;{real}&lt;/b&gt;, &lt;b&gt;{uncertain}&lt;/b&gt;, atau &lt;b&gt;{fake}&lt;/b&gt;. Gambar yang tidak bisa dinilai model (grafik, tangkapan layar, gambar ilustrasi) diberi keterangan &lt;b&gt;{not_assessable}&lt;/b&gt;. Video dinilai dari bingkai yang diambil merata dan ditentukan oleh bagiannya yang paling mencurigakan.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;What the models are known to get wrong&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kesalahan yang diketahui sering dibuat model&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A verdict is evidence for your own verification, not proof.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Penilaian ini adalah bahan untuk verifikasi Anda sendiri, bukan bukti.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Tentang</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No models are loaded.&lt;/b&gt; {error}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Tidak ada model yang dimuat.&lt;/b&gt; {error}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Models from &lt;code&gt;{path}&lt;/code&gt;. Their calibrated scores are combined by &lt;b&gt;{method}&lt;/b&gt;; the verdict is &lt;i&gt;{real}&lt;/i&gt; below {t_real}, &lt;i&gt;{fake}&lt;/i&gt; from {t_fake}, uncertain between. In the window each model goes by a plain name, given with its technical name below.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Model dari &lt;code&gt;{path}&lt;/code&gt;. Skor yang sudah dikalibrasi digabung dengan &lt;b&gt;{method}&lt;/b&gt;; penilaiannya &lt;i&gt;{real}&lt;/i&gt; di bawah {t_real}, &lt;i&gt;{fake}&lt;/i&gt; mulai {t_fake}, dan tidak pasti di antaranya. Di jendela, setiap model disebut dengan nama sederhana; nama teknisnya tertulis di bawah.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;All models combined&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Measured on sources left out of training&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Semua model digabung&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Diukur pada sumber yang tidak dipakai dalam pelatihan&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;All models combined&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Measured on held-out data&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Semua model digabung&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Diukur pada data uji yang tidak dipakai untuk pelatihan&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Detectors you taught&lt;/h2&gt;&lt;p&gt;Each knows one kind of fake from your own examples. It can make a verdict fake or uncertain, never real (see docs/teach.md).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Detektor yang Anda latih&lt;/h2&gt;&lt;p&gt;Masing-masing mengenali satu jenis pemalsuan dari contoh Anda sendiri. Detektor ini bisa membuat penilaian menjadi palsu atau tidak pasti, tetapi tidak pernah asli (lihat docs/teach.md).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Cannot read {path}: {error}</source>
        <translation>Tidak dapat membaca {path}: {error}</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Kartu model</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open files…</source>
        <translation>&amp;Buka berkas…</translation>
    </message>
    <message>
        <source>Analyse one or more images or videos</source>
        <translation>Analisis satu atau beberapa gambar atau video</translation>
    </message>
    <message>
        <source>Open files</source>
        <translation>Buka berkas</translation>
    </message>
    <message>
        <source>&amp;Scan folder…</source>
        <translation>&amp;Pindai folder…</translation>
    </message>
    <message>
        <source>Analyse every image and video in a folder</source>
        <translation>Analisis semua gambar dan video dalam sebuah folder</translation>
    </message>
    <message>
        <source>Scan a folder</source>
        <translation>Pindai folder</translation>
    </message>
    <message>
        <source>&amp;Cancel scan</source>
        <translation>Batalkan pe&amp;mindaian</translation>
    </message>
    <message>
        <source>Stop the scan; the files already done stay in the table</source>
        <translation>Hentikan pemindaian; berkas yang sudah selesai tetap ada di tabel</translation>
    </message>
    <message>
        <source>Cancel the running scan (finished rows stay)</source>
        <translation>Batalkan pemindaian yang berjalan (baris yang sudah selesai tetap ada)</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Ekspor &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the rows shown to a CSV file</source>
        <translation>Simpan baris yang ditampilkan ke berkas CSV</translation>
    </message>
    <message>
        <source>Export the results to CSV</source>
        <translation>Ekspor hasil ke CSV</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Ekspor &amp;JSON…</translation>
    </message>
    <message>
        <source>Save the rows shown, with video frame scores, to JSON</source>
        <translation>Simpan baris yang ditampilkan, beserta skor tiap bingkai video, ke JSON</translation>
    </message>
    <message>
        <source>Export the results to JSON</source>
        <translation>Ekspor hasil ke JSON</translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation>Simpan &amp;laporan…</translation>
    </message>
    <message>
        <source>Save a verification report (PDF or HTML) of the selected file</source>
        <translation>Simpan laporan verifikasi (PDF atau HTML) untuk berkas yang dipilih</translation>
    </message>
    <message>
        <source>Save the selected file&apos;s verification report</source>
        <translation>Simpan laporan verifikasi berkas yang dipilih</translation>
    </message>
    <message>
        <source>Save sca&amp;n report…</source>
        <translation>Simpan laporan pe&amp;mindaian…</translation>
    </message>
    <message>
        <source>Save a report of the rows shown: a summary, and a page per file judged fake, uncertain or labelled AI</source>
        <translation>Simpan laporan dari baris yang ditampilkan: ringkasan, dan satu halaman untuk setiap berkas yang dinilai palsu, tidak pasti, atau berlabel AI</translation>
    </message>
    <message>
        <source>Save a report of the results table</source>
        <translation>Simpan laporan dari tabel hasil</translation>
    </message>
    <message>
        <source>Open in system &amp;viewer</source>
        <translation>Buka di &amp;penampil sistem</translation>
    </message>
    <message>
        <source>Open the selected file in the system&apos;s viewer</source>
        <translation>Buka berkas yang dipilih di penampil bawaan sistem</translation>
    </message>
    <message>
        <source>Open the selected file in the system viewer (or double-click it)</source>
        <translation>Buka berkas yang dipilih di penampil sistem (atau klik dua kali)</translation>
    </message>
    <message>
        <source>Open containing &amp;folder</source>
        <translation>Buka &amp;folder tempat berkas</translation>
    </message>
    <message>
        <source>&amp;Copy result</source>
        <translation>&amp;Salin hasil</translation>
    </message>
    <message>
        <source>Copy the selected file&apos;s verdict and scores as text</source>
        <translation>Salin penilaian dan skor berkas yang dipilih sebagai teks</translation>
    </message>
    <message>
        <source>Copy the selected result as text (in the table)</source>
        <translation>Salin hasil yang dipilih sebagai teks (di tabel)</translation>
    </message>
    <message>
        <source>Copy &amp;path</source>
        <translation>Salin &amp;lokasi berkas</translation>
    </message>
    <message>
        <source>C&amp;lear results</source>
        <translation>&amp;Kosongkan hasil</translation>
    </message>
    <message>
        <source>Clear the results</source>
        <translation>Kosongkan hasil</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Saring</translation>
    </message>
    <message>
        <source>Filter the results by text</source>
        <translation>Saring hasil berdasarkan teks</translation>
    </message>
    <message>
        <source>Include &amp;sub-folders</source>
        <translation>Sertakan &amp;subfolder</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>Preferences (sub-folders, video frames)</source>
        <translation>Pengaturan (subfolder, bingkai video)</translation>
    </message>
    <message>
        <source>&amp;Teach a new kind of fake…</source>
        <translation>&amp;Ajarkan jenis pemalsuan baru…</translation>
    </message>
    <message>
        <source>Fit your own detector from folders of confirmed fakes and of real photos</source>
        <translation>Latih detektor Anda sendiri dari folder berisi pemalsuan yang sudah terkonfirmasi dan folder berisi foto asli</translation>
    </message>
    <message>
        <source>Mark as confirmed &amp;fake</source>
        <translation>Tandai sebagai &amp;palsu terkonfirmasi</translation>
    </message>
    <message>
        <source>Mark the selected rows as fakes you have confirmed (exported as &apos;confirmed&apos;; Teach from marked rows learns from them)</source>
        <translation>Tandai baris yang dipilih sebagai pemalsuan yang sudah Anda konfirmasi (diekspor sebagai &apos;confirmed&apos;; Ajarkan dari baris bertanda belajar darinya)</translation>
    </message>
    <message>
        <source>Mark as confirmed &amp;real</source>
        <translation>Tandai sebagai &amp;asli terkonfirmasi</translation>
    </message>
    <message>
        <source>Mark the selected rows as real photos you have confirmed</source>
        <translation>Tandai baris yang dipilih sebagai foto asli yang sudah Anda konfirmasi</translation>
    </message>
    <message>
        <source>C&amp;lear mark</source>
        <translation>&amp;Hapus tanda</translation>
    </message>
    <message>
        <source>Teach from &amp;marked rows…</source>
        <translation>Ajarkan dari baris ber&amp;tanda…</translation>
    </message>
    <message>
        <source>Fit your own detector from the rows marked confirmed fake and confirmed real</source>
        <translation>Latih detektor Anda sendiri dari baris yang ditandai palsu terkonfirmasi dan asli terkonfirmasi</translation>
    </message>
    <message>
        <source>&amp;Your detectors…</source>
        <translation>&amp;Detektor Anda…</translation>
    </message>
    <message>
        <source>Turn the detectors you taught or imported on or off</source>
        <translation>Nyalakan atau matikan detektor yang Anda latih atau impor</translation>
    </message>
    <message>
        <source>&amp;Import a detector…</source>
        <translation>&amp;Impor detektor…</translation>
    </message>
    <message>
        <source>Import a detector another desk shared (its card is shown first)</source>
        <translation>Impor detektor yang dibagikan meja redaksi lain (kartunya ditampilkan lebih dulu)</translation>
    </message>
    <message>
        <source>S&amp;hare a detector…</source>
        <translation>&amp;Bagikan detektor…</translation>
    </message>
    <message>
        <source>Write one of your detectors to a file another desk can import</source>
        <translation>Tulis salah satu detektor Anda ke berkas yang dapat diimpor meja redaksi lain</translation>
    </message>
    <message>
        <source>&amp;How to read a verdict</source>
        <translation>&amp;Cara membaca penilaian</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>Bantuan ini</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Salin diagnostik</translation>
    </message>
    <message>
        <source>&amp;About Deepfake Detector and its models</source>
        <translation>&amp;Tentang Deepfake Detector dan modelnya</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Pindai</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ban&amp;tuan</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>Ba&amp;hasa</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Bilah alat utama</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide this message</source>
        <translation>Sembunyikan pesan ini</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <source>Import a detector</source>
        <translation>Impor detektor</translation>
    </message>
    <message>
        <source>Use it only if you trust who made it: it can make a verdict fake or uncertain for files like its real photos.</source>
        <translation>Pakailah hanya jika Anda memercayai pembuatnya: detektor ini dapat membuat penilaian menjadi palsu atau tidak pasti untuk berkas yang mirip dengan foto aslinya.</translation>
    </message>
    <message>
        <source>Import, turned off</source>
        <translation>Impor, dalam keadaan mati</translation>
    </message>
    <message>
        <source>Import and turn on</source>
        <translation>Impor dan nyalakan</translation>
    </message>
</context>
<context>
    <name>DetectorsDialog</name>
    <message>
        <source>Your detectors</source>
        <translation>Detektor Anda</translation>
    </message>
    <message>
        <source>Checked detectors are used by the next scan.</source>
        <translation>Detektor yang dicentang dipakai pada pemindaian berikutnya.</translation>
    </message>
    <message>
        <source>You have not taught or imported any detector yet.</source>
        <translation>Anda belum melatih atau mengimpor detektor apa pun.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>image or video</source>
        <translation>gambar atau video</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>Dekode</translation>
    </message>
    <message>
        <source>EXIF turned, frames sampled</source>
        <translation>diputar sesuai EXIF, bingkai diambil</translation>
    </message>
    <message>
        <source>Crops</source>
        <translation>Potongan</translation>
    </message>
    <message>
        <source>faces found; each model&apos;s size</source>
        <translation>wajah dicari; ukuran tiap model</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>ONNX, on this computer</source>
        <translation>ONNX, di komputer ini</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibrasi</translation>
    </message>
    <message>
        <source>scores become probabilities</source>
        <translation>skor menjadi peluang</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>Penggabungan</translation>
    </message>
    <message>
        <source>weighted combination</source>
        <translation>gabungan berbobot</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Penilaian</translation>
    </message>
    <message>
        <source>no signs · uncertain · fake; or not assessable</source>
        <translation>tak ada tanda · tidak pasti · palsu; atau tidak dapat dinilai</translation>
    </message>
    <message>
        <source>images</source>
        <translation>gambar</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>akurasi</translation>
    </message>
    <message>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <source>average precision</source>
        <translation>presisi rata-rata</translation>
    </message>
    <message>
        <source>calibration error (ECE)</source>
        <translation>galat kalibrasi (ECE)</translation>
    </message>
    <message>
        <source>test set, as is</source>
        <translation>set uji, apa adanya</translation>
    </message>
    <message>
        <source>test set re-saved as JPEG 70</source>
        <translation>set uji disimpan ulang sebagai JPEG 70</translation>
    </message>
    <message>
        <source>test set at half size</source>
        <translation>set uji pada setengah ukuran</translation>
    </message>
    <message>
        <source>verdict bands on the test set</source>
        <translation>rentang penilaian pada set uji</translation>
    </message>
    <message>
        <source>share judged uncertain</source>
        <translation>porsi yang dinilai tidak pasti</translation>
    </message>
    <message>
        <source>accuracy when decided</source>
        <translation>akurasi saat memutuskan</translation>
    </message>
    <message>
        <source>fakes called real</source>
        <translation>palsu yang disebut asli</translation>
    </message>
    <message>
        <source>reals called fake</source>
        <translation>asli yang disebut palsu</translation>
    </message>
    <message>
        <source>measured by</source>
        <translation>diukur dengan</translation>
    </message>
    <message>
        <source>training images</source>
        <translation>gambar pelatihan</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>sumber</translation>
    </message>
    <message>
        <source>command</source>
        <translation>perintah</translation>
    </message>
    <message>
        <source>all sources</source>
        <translation>semua sumber</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>&lt;i&gt;not given&lt;/i&gt;</source>
        <translation>&lt;i&gt;tidak dicantumkan&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not in use:&lt;/b&gt; {problem}</source>
        <translation>&lt;b&gt;Tidak dipakai:&lt;/b&gt; {problem}</translation>
    </message>
    <message>
        <source>&lt;i&gt;none listed for this model; see the general weak spots on the About tab&lt;/i&gt;</source>
        <translation>&lt;i&gt;tidak ada yang dicantumkan untuk model ini; lihat titik lemah umum di tab Tentang&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Technical name: &lt;b&gt;{name}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;id &lt;code&gt;{id}&lt;/code&gt; · version {version} · file &lt;code&gt;{file}&lt;/code&gt; · input {width} × {height} px · fusion weight {weight}&lt;br&gt;sha256 &lt;code&gt;{sha256}&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nama teknis: &lt;b&gt;{name}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;id &lt;code&gt;{id}&lt;/code&gt; · versi {version} · berkas &lt;code&gt;{file}&lt;/code&gt; · masukan {width} × {height} piksel · bobot penggabungan {weight}&lt;br&gt;sha256 &lt;code&gt;{sha256}&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Trained on&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Dilatih dengan&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Measured on held-out data&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Diukur pada data uji yang disisihkan&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Weak spots&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Titik lemah&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>pictures from sources left out of training</source>
        <translation>gambar dari sumber yang tidak dipakai dalam pelatihan</translation>
    </message>
    <message>
        <source>the same pictures re-encoded like social media (at most 512 px, JPEG 90)</source>
        <translation>gambar yang sama setelah dikodekan ulang seperti di media sosial (paling besar 512 px, JPEG 90)</translation>
    </message>
    <message>
        <source>held-out test files (from the same sources as the training data)</source>
        <translation>berkas uji yang disisihkan (dari sumber yang sama dengan data pelatihan)</translation>
    </message>
    <message>
        <source>It says “{fake}” from {t_fake} chance of fake and “{real}” below {t_real}; in between it says “{uncertain}”.</source>
        <translation>Aplikasi ini menyatakan “{fake}” mulai peluang palsu {t_fake} dan “{real}” di bawah {t_real}; di antaranya ia menyatakan “{uncertain}”.</translation>
    </message>
    <message>
        <source>On {where}, it said “{uncertain}” for {share} of them; when it did decide, it was right {right} of the time.</source>
        <translation>Pada {where}, aplikasi ini menyatakan “{uncertain}” untuk {share} di antaranya; saat ia memutuskan, hasilnya benar {right} dari semua kasus.</translation>
    </message>
    <message>
        <source>On pictures from sources left out of training, the combined score ranks a fake above a real picture {auc} of the time on average (worst source: {worst}; 50% is a coin toss).</source>
        <translation>Pada gambar dari sumber yang tidak dipakai dalam pelatihan, skor gabungan menempatkan gambar palsu di atas gambar asli rata-rata {auc} dari seluruh kasus (sumber terburuk: {worst}; 50% sama dengan lempar koin).</translation>
    </message>
    <message>
        <source>Those figures are averages over the sources left out in turn; on the hardest one, its decided verdicts were right {right} of the time.</source>
        <translation>Angka-angka itu adalah rata-rata atas sumber yang bergiliran tidak dipakai; pada sumber tersulit, putusan yang diberikannya benar {right} dari seluruh kasus.</translation>
    </message>
    <message>
        <source>How often it is right on pictures from sources left out of training has not been measured for these models: expect it to be wrong more often on generators it never saw.</source>
        <translation>Seberapa sering aplikasi ini benar pada gambar dari sumber yang tidak dipakai dalam pelatihan belum diukur untuk model-model ini: perkirakan lebih sering salah pada generator yang belum pernah dilihatnya.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;What its verdicts are worth&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Seberapa jauh penilaiannya bisa dipegang&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>
&lt;h3&gt;How to read a verdict&lt;/h3&gt;
&lt;p&gt;The large verdict sums up the combined score of all models:&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;{fake}&lt;/b&gt;: strong signs of AI generation or manipulation. Verify before you use it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{uncertain}&lt;/b&gt;: weak or conflicting signs. The models cannot tell; rely on other checks.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{real}&lt;/b&gt;: the models found none of the fakes they were trained to find.
This is not proof that the file is authentic: other kinds of fakes can pass unnoticed.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{not_assessable}&lt;/b&gt;: a picture unlike what the models were trained on
(a chart, a screenshot, a drawing, a document): their scores mean nothing there, so no verdict is given. The
reason is given under the verdict.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{labelled_ai}&lt;/b&gt;: the file says it was made by generative AI. Only content credentials (C2PA) that
validate are verified; an IPTC or XMP label is a line in the file&apos;s metadata that anyone can add or remove.
The models&apos; scores are still shown.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;The &lt;b&gt;File metadata and error levels&lt;/b&gt; tab shows what the file says about itself (content credentials,
camera or generator metadata, every metadata field) and, for JPEGs, an error level analysis. Metadata is easy to
strip or forge: read it as one more clue.&lt;/p&gt;
&lt;p&gt;Every bar is a &lt;b&gt;chance of fake&lt;/b&gt;. The combined one shows where the score falls among the three bands.
Its percentage is calibrated on the kinds of fakes the models were trained on; it is not odds you can count on
for a generator they never saw. That case was measured by leaving each training source out in turn (the model
card, in the About dialog, has the table): most of those fakes landed in &lt;b&gt;{uncertain}&lt;/b&gt;, few were called
&lt;b&gt;{real}&lt;/b&gt;, and the files the models did decide were mostly decided right. Read a high score as a reason
to check, not as a measured frequency.
Below it, &lt;b&gt;each model&lt;/b&gt; has its own bar and says how much it counts in the combined score: a model that
counts for 5% barely moves it, and a grey bar marked &quot;not counted&quot; is shown for reference only. When they
disagree, treat the result with extra care.&lt;/p&gt;
&lt;p&gt;For a &lt;b&gt;video&lt;/b&gt;, frames are sampled evenly; the chart under the picture shows each frame&apos;s chance of fake
over time, and a video is as suspicious as its worst stretch, not its average. The strip shows the frames, the
most suspicious first. Click a frame or a point to see it.&lt;/p&gt;
&lt;p&gt;Known weak spots: recompressed images from social networks, generators the models never saw, and photos
without faces. A score is evidence, not proof.&lt;/p&gt;
&lt;p&gt;The &lt;b&gt;Language&lt;/b&gt; menu switches the window between English and Bahasa Indonesia; the CSV and JSON exports
stay in English so that spreadsheets and scripts read them the same way.&lt;/p&gt;
</source>
        <translation>
&lt;h3&gt;Cara membaca penilaian&lt;/h3&gt;
&lt;p&gt;Penilaian besar merangkum skor gabungan semua model:&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;{fake}&lt;/b&gt;: ada tanda kuat bahwa berkas dibuat atau dimanipulasi dengan AI. Verifikasi dulu sebelum Anda memakainya.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{uncertain}&lt;/b&gt;: tandanya lemah atau saling bertentangan. Model tidak bisa memastikan; andalkan pemeriksaan lain.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{real}&lt;/b&gt;: model tidak menemukan satu pun jenis pemalsuan yang dilatihkan kepadanya.
Ini bukan bukti bahwa berkas itu asli: jenis pemalsuan lain bisa lolos tanpa terdeteksi.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{not_assessable}&lt;/b&gt;: gambar yang tidak mirip bahan pelatihan model
(grafik, tangkapan layar, gambar ilustrasi, dokumen): skor model tidak bermakna di sana, jadi tidak ada penilaian.
Alasannya tertulis di bawah penilaian.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;{labelled_ai}&lt;/b&gt;: berkas menyatakan dirinya dibuat dengan AI generatif. Hanya kredensial konten (C2PA) yang
tervalidasi yang terverifikasi; label IPTC atau XMP hanyalah satu baris di metadata berkas yang bisa ditambahkan atau dihapus
siapa saja. Skor model tetap ditampilkan.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;Tab &lt;b&gt;Metadata berkas dan tingkat galat&lt;/b&gt; menampilkan apa yang dikatakan berkas tentang dirinya (kredensial konten,
metadata kamera atau generator, semua isian metadata) dan, untuk JPEG, analisis tingkat galat (ELA). Metadata mudah
dihapus atau dipalsukan: anggap sebagai satu petunjuk tambahan.&lt;/p&gt;
&lt;p&gt;Setiap batang menunjukkan &lt;b&gt;peluang palsu&lt;/b&gt;. Batang gabungan menunjukkan di rentang mana skornya jatuh.
Persentasenya dikalibrasi pada jenis pemalsuan yang dilatihkan kepada model; itu bukan peluang yang bisa diandalkan
untuk generator yang belum pernah dilihat model. Kasus itu diukur dengan menyisihkan setiap sumber pelatihan secara bergiliran
(kartu model, di dialog Tentang, memuat tabelnya): sebagian besar pemalsuan itu jatuh ke &lt;b&gt;{uncertain}&lt;/b&gt;, sedikit yang disebut
&lt;b&gt;{real}&lt;/b&gt;, dan berkas yang diputuskan model sebagian besar diputuskan dengan benar. Baca skor tinggi sebagai alasan untuk
memeriksa, bukan sebagai frekuensi terukur.
Di bawahnya, &lt;b&gt;setiap model&lt;/b&gt; punya batangnya sendiri dan menyebutkan seberapa besar bobotnya dalam skor gabungan:
model dengan bobot 5% hampir tidak menggesernya, dan batang abu-abu bertanda &quot;tidak dihitung&quot; hanya ditampilkan sebagai rujukan.
Jika model-model tidak sepakat, perlakukan hasilnya dengan ekstra hati-hati.&lt;/p&gt;
&lt;p&gt;Untuk &lt;b&gt;video&lt;/b&gt;, bingkai diambil secara merata; grafik di bawah gambar menunjukkan peluang palsu setiap bingkai
sepanjang waktu, dan tingkat kecurigaan sebuah video ditentukan oleh bagiannya yang paling mencurigakan, bukan oleh rata-ratanya. Deretan
bingkai menampilkan bingkai-bingkai itu, yang paling mencurigakan lebih dulu. Klik sebuah bingkai atau titik untuk melihatnya.&lt;/p&gt;
&lt;p&gt;Titik lemah yang diketahui: gambar yang dikompresi ulang oleh media sosial, generator yang belum pernah dilihat model, dan foto
tanpa wajah. Skor adalah petunjuk, bukan bukti.&lt;/p&gt;
&lt;p&gt;Menu &lt;b&gt;Bahasa&lt;/b&gt; mengganti bahasa jendela antara English dan Bahasa Indonesia; ekspor CSV dan JSON tetap
berbahasa Inggris agar lembar kerja dan skrip membacanya dengan cara yang sama.&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>
&lt;h3&gt;Reporting a problem&lt;/h3&gt;
&lt;p&gt;Copy the block below into your message (it names none of your files), describe what you did and,
if you can, attach the file that caused the problem.&lt;/p&gt;
</source>
        <translation>
&lt;h3&gt;Melaporkan masalah&lt;/h3&gt;
&lt;p&gt;Salin blok di bawah ke dalam pesan Anda (blok ini tidak menyebut nama berkas Anda), jelaskan apa yang Anda lakukan,
dan bila memungkinkan, lampirkan berkas yang menimbulkan masalah.&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Klik dua kali</translation>
    </message>
    <message>
        <source>Open the file of a row in the system viewer</source>
        <translation>Buka berkas dari sebuah baris di penampil sistem</translation>
    </message>
    <message>
        <source>Left / Right</source>
        <translation>Kiri / Kanan</translation>
    </message>
    <message>
        <source>Step through a video&apos;s frames (in the frame strip)</source>
        <translation>Telusuri bingkai video satu per satu (di deretan bingkai)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Pintasan papan ketik&lt;/h3&gt;</translation>
    </message>
</context>
<context>
    <name>Evidence</name>
    <message>
        <source>Labelled as AI-generated</source>
        <translation>Berlabel buatan AI</translation>
    </message>
    <message>
        <source>made by a generative AI model</source>
        <translation>dibuat oleh model AI generatif</translation>
    </message>
    <message>
        <source>a composite that includes AI-generated elements</source>
        <translation>gabungan yang memuat unsur buatan AI</translation>
    </message>
    <message>
        <source>made by an algorithm (not a trained model)</source>
        <translation>dibuat oleh algoritma (bukan model yang dilatih)</translation>
    </message>
    <message>
        <source>a composite of synthetic elements</source>
        <translation>gabungan unsur sintetis</translation>
    </message>
    <message>
        <source>a capture enhanced by an algorithm</source>
        <translation>hasil tangkapan yang dipercantik algoritma</translation>
    </message>
    <message>
        <source>captured by a camera or a scanner</source>
        <translation>ditangkap dengan kamera atau pemindai</translation>
    </message>
    <message>
        <source>captured by a camera with computational processing</source>
        <translation>ditangkap dengan kamera yang memakai pengolahan komputasional</translation>
    </message>
    <message>
        <source>a scan of a film negative</source>
        <translation>pindaian film negatif</translation>
    </message>
    <message>
        <source>a scan of a film positive</source>
        <translation>pindaian film positif</translation>
    </message>
    <message>
        <source>a scan of a print</source>
        <translation>pindaian hasil cetak</translation>
    </message>
    <message>
        <source>a capture with minor human edits</source>
        <translation>hasil tangkapan dengan sedikit suntingan manusia</translation>
    </message>
    <message>
        <source>a capture edited by a person</source>
        <translation>hasil tangkapan yang disunting seseorang</translation>
    </message>
    <message>
        <source>a composite of captures</source>
        <translation>gabungan beberapa hasil tangkapan</translation>
    </message>
    <message>
        <source>a composite</source>
        <translation>sebuah gabungan</translation>
    </message>
    <message>
        <source>made by a person with digital tools</source>
        <translation>dibuat seseorang dengan alat digital</translation>
    </message>
    <message>
        <source>made from data</source>
        <translation>dibuat dari data</translation>
    </message>
    <message>
        <source>a screen capture</source>
        <translation>tangkapan layar</translation>
    </message>
    <message>
        <source>a recording of a virtual event</source>
        <translation>rekaman peristiwa virtual</translation>
    </message>
    <message>
        <source>The file points to content credentials stored online; this app works offline and did not fetch them.</source>
        <translation>Berkas ini merujuk ke kredensial konten yang disimpan daring; aplikasi ini bekerja luring dan tidak mengambilnya.</translation>
    </message>
    <message>
        <source>The file&apos;s IPTC/XMP metadata gives its digital source type as “{type}” ({words}). This label is not signed: anyone can add or remove it.</source>
        <translation>Metadata IPTC/XMP berkas ini menyebut jenis sumber digitalnya “{type}” ({words}). Label ini tidak ditandatangani: siapa pun bisa menambah atau menghapusnya.</translation>
    </message>
    <message>
        <source>The file&apos;s IPTC/XMP metadata gives its digital source type as “{type}”. This label is not signed: anyone can add or remove it.</source>
        <translation>Metadata IPTC/XMP berkas ini menyebut jenis sumber digitalnya “{type}”. Label ini tidak ditandatangani: siapa pun bisa menambah atau menghapusnya.</translation>
    </message>
    <message>
        <source>The file says it was made by {generator} ({where}). Generator metadata is easy to strip and to forge: it is not proof that the image is AI-generated, and its absence is not proof that it is not.</source>
        <translation>Berkas ini menyatakan dirinya dibuat dengan {generator} ({where}). Metadata generator mudah dihapus dan dipalsukan: keberadaannya bukan bukti bahwa gambar ini buatan AI, dan ketiadaannya bukan bukti bahwa gambar ini bukan buatan AI.</translation>
    </message>
    <message>
        <source>The file says it was taken with a {camera} on {date} (EXIF). Camera metadata is easy to copy into any file.</source>
        <translation>Berkas ini menyatakan dirinya diambil dengan {camera} pada {date} (EXIF). Metadata kamera mudah disalin ke berkas mana pun.</translation>
    </message>
    <message>
        <source>The file says it was taken with a {camera} (EXIF). Camera metadata is easy to copy into any file.</source>
        <translation>Berkas ini menyatakan dirinya diambil dengan {camera} (EXIF). Metadata kamera mudah disalin ke berkas mana pun.</translation>
    </message>
    <message>
        <source>The file carries the date {date} (EXIF).</source>
        <translation>Berkas ini mencantumkan tanggal {date} (EXIF).</translation>
    </message>
    <message>
        <source>The file gives GPS coordinates {where} (latitude, longitude; EXIF). Like all metadata, they can be edited.</source>
        <translation>Berkas ini mencantumkan koordinat GPS {where} (lintang, bujur; EXIF). Seperti semua metadata, koordinat ini bisa disunting.</translation>
    </message>
    <message>
        <source>The file says it was last written by “{software}” (EXIF Software).</source>
        <translation>Berkas ini menyatakan terakhir ditulis oleh “{software}” (EXIF Software).</translation>
    </message>
    <message>
        <source>The file carries no metadata about how it was made (most shared images have had theirs removed).</source>
        <translation>Berkas ini tidak membawa metadata tentang cara pembuatannya (sebagian besar gambar yang dibagikan sudah dihapus metadatanya).</translation>
    </message>
    <message>
        <source>the C2PA library is not available</source>
        <translation>pustaka C2PA tidak tersedia</translation>
    </message>
    <message>
        <source>Content credentials (C2PA) could not be checked: {reason}.</source>
        <translation>Kredensial konten (C2PA) tidak dapat diperiksa: {reason}.</translation>
    </message>
    <message>
        <source>No content credentials (C2PA) in this file ({reason}). Most images have none, so their absence says nothing either way.</source>
        <translation>Tidak ada kredensial konten (C2PA) dalam berkas ini ({reason}). Sebagian besar gambar memang tidak memilikinya, jadi ketiadaannya tidak berarti apa-apa.</translation>
    </message>
    <message>
        <source>No content credentials (C2PA) in this file. Most images have none, so their absence says nothing either way.</source>
        <translation>Tidak ada kredensial konten (C2PA) dalam berkas ini. Sebagian besar gambar memang tidak memilikinya, jadi ketiadaannya tidak berarti apa-apa.</translation>
    </message>
    <message>
        <source>the signature did not validate</source>
        <translation>tanda tangannya tidak sah</translation>
    </message>
    <message>
        <source>The file has content credentials (C2PA) that do NOT validate: {reason}. Do not rely on what they say.</source>
        <translation>Berkas ini memiliki kredensial konten (C2PA) yang TIDAK sah: {reason}. Jangan mengandalkan isinya.</translation>
    </message>
    <message>
        <source>an unnamed signer</source>
        <translation>penanda tangan tanpa nama</translation>
    </message>
    <message>
        <source>The file has valid content credentials (C2PA), signed by {who}, whose certificate is on the trust list.</source>
        <translation>Berkas ini memiliki kredensial konten (C2PA) yang sah, ditandatangani oleh {who}, yang sertifikatnya ada dalam daftar tepercaya.</translation>
    </message>
    <message>
        <source>The file has valid content credentials (C2PA), signed by {who}, whose certificate this app cannot check against a trust list (anyone can make one).</source>
        <translation>Berkas ini memiliki kredensial konten (C2PA) yang sah, ditandatangani oleh {who}, yang sertifikatnya tidak dapat dicocokkan aplikasi ini dengan daftar tepercaya (siapa pun bisa membuat sertifikat).</translation>
    </message>
    <message>
        <source>They say it was made with {tool}.</source>
        <translation>Menurut kredensial itu, berkas dibuat dengan {tool}.</translation>
    </message>
    <message>
        <source>They declare it “{type}”: {words}.</source>
        <translation>Kredensial itu menyatakannya “{type}”: {words}.</translation>
    </message>
    <message>
        <source>They declare it “{type}”.</source>
        <translation>Kredensial itu menyatakannya “{type}”.</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>The picture</source>
        <translation>Gambar</translation>
    </message>
    <message>
        <source>Error levels at the chosen quality</source>
        <translation>Tingkat galat pada kualitas yang dipilih</translation>
    </message>
    <message>
        <source>JPEG quality for error level analysis</source>
        <translation>Kualitas JPEG untuk analisis tingkat galat</translation>
    </message>
    <message>
        <source>Error level analysis (JPEG)</source>
        <translation>Analisis tingkat galat (JPEG)</translation>
    </message>
    <message>
        <source>Re-save quality:</source>
        <translation>Kualitas simpan ulang:</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the file says about itself&lt;/b&gt;</source>
        <translation>&lt;b&gt;Apa kata berkas tentang dirinya&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What the generator wrote into the file (prompt and settings)</source>
        <translation>Yang ditulis generator ke dalam berkas (prompt dan pengaturan)</translation>
    </message>
    <message>
        <source>All metadata</source>
        <translation>Semua metadata</translation>
    </message>
    <message>
        <source>Error level analysis is shown for JPEG files only: other formats do not carry the JPEG compression it measures.</source>
        <translation>Analisis tingkat galat hanya ditampilkan untuk berkas JPEG: format lain tidak membawa kompresi JPEG yang diukurnya.</translation>
    </message>
    <message>
        <source>valid content credentials</source>
        <translation>kredensial konten yang sah</translation>
    </message>
    <message>
        <source>its IPTC/XMP metadata, a label anyone can add or remove</source>
        <translation>metadata IPTC/XMP-nya, label yang bisa ditambahkan atau dihapus siapa saja</translation>
    </message>
    <message>
        <source>The file is labelled as {kind} by {why}. The models&apos; scores are still shown above.</source>
        <translation>Berkas ini diberi label {kind} oleh {why}. Skor model tetap ditampilkan di atas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The file&apos;s content credentials do not validate.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kredensial konten berkas ini tidak sah.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The file says it was made by {generator}.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Berkas ini menyatakan dirinya dibuat dengan {generator}.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Made with</source>
        <translation>Dibuat dengan</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Ditandatangani oleh</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Sertifikat</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>Ditandatangani pada</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>&lt;p&gt;Content credentials:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Kredensial konten:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Computing error levels at quality {quality}…</source>
        <translation>Menghitung tingkat galat pada kualitas {quality}…</translation>
    </message>
    <message>
        <source>Error levels after re-saving at quality {quality} (amplified; brighter = changed more).</source>
        <translation>Tingkat galat setelah disimpan ulang pada kualitas {quality} (diperkuat; makin terang = makin banyak berubah).</translation>
    </message>
    <message>
        <source>The file itself looks saved at about quality {quality}.</source>
        <translation>Berkas ini sendiri tampaknya disimpan pada kualitas sekitar {quality}.</translation>
    </message>
    <message>
        <source>Error level analysis failed: {error}</source>
        <translation>Analisis tingkat galat gagal: {error}</translation>
    </message>
</context>
<context>
    <name>FakeMapToggle</name>
    <message>
        <source>Show where the models look</source>
        <translation>Tampilkan bagian yang diperhatikan model</translation>
    </message>
    <message>
        <source>Scores the picture square by square and colours the squares the models find generated. Takes a few seconds to a minute.</source>
        <translation>Memberi skor pada gambar kotak demi kotak dan mewarnai kotak yang dianggap model sebagai buatan AI. Butuh beberapa detik hingga satu menit.</translation>
    </message>
    <message>
        <source>The map is drawn for images only.</source>
        <translation>Peta hanya dibuat untuk gambar.</translation>
    </message>
    <message>
        <source>The map needs the detection models, which are not loaded.</source>
        <translation>Peta memerlukan model deteksi, yang belum dimuat.</translation>
    </message>
    <message>
        <source>Scoring the picture square by square…</source>
        <translation>Memberi skor pada gambar kotak demi kotak…</translation>
    </message>
    <message>
        <source>The map could not be made: {error}</source>
        <translation>Peta tidak dapat dibuat: {error}</translation>
    </message>
    <message>
        <source>Most suspicious square: {chance}. {how_to_read}</source>
        <translation>Kotak paling mencurigakan: {chance}. {how_to_read}</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <source>a folder of pictures or videos</source>
        <translation>folder berisi gambar atau video</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
</context>
<context>
    <name>FrameScoreChart</name>
    <message>
        <source>Chance of fake of each sampled frame over time</source>
        <translation>Peluang palsu setiap bingkai sampel sepanjang waktu</translation>
    </message>
    <message>
        <source>Each point is a sampled frame: its chance of fake (up) at its time in the video (across). Points in the top band look fake on their own. Click one to view it.</source>
        <translation>Setiap titik adalah satu bingkai sampel: peluang palsunya (ke atas) pada waktunya di video (ke samping). Titik di rentang atas tampak palsu dengan sendirinya. Klik salah satu untuk melihatnya.</translation>
    </message>
</context>
<context>
    <name>FrameStrip</name>
    <message>
        <source>Sampled video frames, most suspicious first</source>
        <translation>Bingkai video sampel, yang paling mencurigakan lebih dulu</translation>
    </message>
    <message>
        <source>Sampled frames, the most suspicious first. Outlined: frames that look fake on their own. Click one to view it; the chart above shows them in time order.</source>
        <translation>Bingkai sampel, yang paling mencurigakan lebih dulu. Yang diberi garis tepi: bingkai yang tampak palsu dengan sendirinya. Klik salah satu untuk melihatnya; grafik di atas menampilkannya menurut urutan waktu.</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <source>Red marks the parts of the picture that the models, shown one {window} px square at a time, find generated (amber: uncertain; no colour: no signs found), each part coloured by the most suspicious square that contains it; it is coarse, it is only as good as the models are on such squares (they were trained on whole pictures, not on parts of them), and an uncoloured part is not proof that it is real.</source>
        <translation>Merah menandai bagian gambar yang dianggap buatan AI oleh model, yang diperlihatkan satu kotak {window} piksel setiap kali (kuning tua: tidak pasti; tanpa warna: tak ada tanda); setiap bagian diwarnai menurut kotak paling mencurigakan yang memuatnya. Peta ini kasar, hanya sebaik kemampuan model pada kotak seperti itu (model dilatih dengan gambar utuh, bukan potongannya), dan bagian tanpa warna bukan bukti bahwa bagian itu asli.</translation>
    </message>
    <message>
        <source>Nothing stands out: every {window} px square of this picture scores about the same ({low} to {high} chance of fake), so the map colours nothing and points at no part of it.</source>
        <translation>Tidak ada yang menonjol: setiap kotak {window} px di gambar ini mendapat skor yang kurang lebih sama ({low} sampai {high} peluang palsu), jadi peta tidak mewarnai apa pun dan tidak menunjuk bagian mana pun.</translation>
    </message>
    <message>
        <source>Only the squares that score at least {margin} above the picture&apos;s typical square ({typical}) are coloured.</source>
        <translation>Hanya kotak yang skornya paling sedikit {margin} di atas kotak yang lazim di gambar ini ({typical}) yang diwarnai.</translation>
    </message>
    <message>
        <source>This picture is no larger than one square, so the map is a single colour: it only repeats the score of the whole picture.</source>
        <translation>Gambar ini tidak lebih besar dari satu kotak, jadi petanya hanya satu warna: peta itu sekadar mengulang skor seluruh gambar.</translation>
    </message>
    <message>
        <source>This picture is large: it was scaled to {share} of its size first, so each square covers {side} px of the original.</source>
        <translation>Gambar ini besar: gambar diperkecil dulu menjadi {share} dari ukurannya, jadi setiap kotak mencakup {side} piksel gambar asli.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help: reading a verdict</source>
        <translation>Bantuan: membaca penilaian</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>Salin diagnostik</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Disalin ke papan klip.</translation>
    </message>
</context>
<context>
    <name>Learn</name>
    <message>
        <source>Reading {file}</source>
        <translation>Membaca {file}</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Menyimpan</translation>
    </message>
    <message>
        <source>Checking on examples it did not see</source>
        <translation>Memeriksa pada contoh yang belum pernah dilihatnya</translation>
    </message>
    <message>
        <source>On examples it did not see, it caught {caught} of {fakes} fakes ({called} of them sure enough to say fake) and wrongly flagged {flagged} of {reals} real photos ({flagged_fake} of them as fake).</source>
        <translation>Pada contoh yang belum pernah dilihatnya, ia menangkap {caught} dari {fakes} contoh palsu ({called} di antaranya cukup yakin untuk disebut palsu) dan keliru menandai {flagged} dari {reals} foto asli ({flagged_fake} di antaranya sebagai palsu).</translation>
    </message>
    <message>
        <source>It tells this kind of fake from your real photos well.</source>
        <translation>Ia membedakan jenis palsu ini dari foto asli Anda dengan baik.</translation>
    </message>
    <message>
        <source>It helps, but misses some: more and more varied examples may make it better.</source>
        <translation>Ia membantu, tetapi ada yang terlewat: contoh yang lebih banyak dan lebih beragam dapat membuatnya lebih baik.</translation>
    </message>
    <message>
        <source>It barely tells this kind of fake from your real photos: do not rely on it. More examples, or real photos closer to the fakes&apos; subjects, may help.</source>
        <translation>Ia hampir tidak dapat membedakan jenis palsu ini dari foto asli Anda: jangan mengandalkannya. Contoh yang lebih banyak, atau foto asli yang subjeknya lebih dekat dengan contoh palsu, dapat membantu.</translation>
    </message>
    <message>
        <source>{with_face} of your {fakes} fakes show a face, but only {reals_with_face} of your {reals} real photos do: it may learn to call faces fake rather than this kind of fake, so it will not call a picture with a face fake on its own (at most uncertain). Add real photos of faces like those in your fakes (same kind of picture and source) and teach it again.</source>
        <translation>{with_face} dari {fakes} contoh palsu Anda menampilkan wajah, tetapi hanya {reals_with_face} dari {reals} foto asli Anda: ia mungkin belajar menyebut wajah sebagai palsu alih-alih jenis palsu ini, sehingga ia tidak akan menyebut gambar berwajah palsu sendirian (paling jauh tidak pasti). Tambahkan foto asli berisi wajah seperti pada contoh palsu Anda (jenis gambar dan sumber yang sama) lalu ajari lagi.</translation>
    </message>
    <message>
        <source>{reals_with_face} of your {reals} real photos show a face, but only {with_face} of your {fakes} fakes do: it may learn to call pictures without faces fake. Add real photos without faces, like your fakes.</source>
        <translation>{reals_with_face} dari {reals} foto asli Anda menampilkan wajah, tetapi hanya {with_face} dari {fakes} contoh palsu Anda: ia mungkin belajar menyebut gambar tanpa wajah sebagai palsu. Tambahkan foto asli tanpa wajah, seperti contoh palsu Anda.</translation>
    </message>
    <message>
        <source>Detector &apos;{name}&apos; learned from {fakes} fakes and {reals} real photos in {seconds} s.</source>
        <translation>Detektor &apos;{name}&apos; belajar dari {fakes} contoh palsu dan {reals} foto asli dalam {seconds} detik.</translation>
    </message>
    <message>
        <source>With its guards, as a scan applies them, it would have called {alone} of your {fakes} fakes fake on its own; on the others it can make a verdict uncertain at most.</source>
        <translation>Dengan pengamannya, seperti yang diterapkan saat pemindaian, ia akan menyebut {alone} dari {fakes} contoh palsu Anda sebagai palsu sendirian; pada yang lain ia paling jauh dapat membuat penilaian menjadi tidak pasti.</translation>
    </message>
    <message>
        <source>{unlike} of your {fakes} fakes are unlike your real photos: on files like those it can make the verdict uncertain, never fake on its own. Real photos of the same subjects and sources as the fakes let it decide more of them.</source>
        <translation>{unlike} dari {fakes} contoh palsu Anda tidak mirip dengan foto asli Anda: pada berkas seperti itu ia dapat membuat penilaian menjadi tidak pasti, tidak pernah palsu sendirian. Foto asli dengan subjek dan sumber yang sama dengan contoh palsu membuatnya dapat memutuskan lebih banyak.</translation>
    </message>
    <message>
        <source>In {count} of your {fakes} fakes a face fills only part of the picture: it learned those faces on their own too, and in a scan it judges a picture with such faces by its most suspicious face, as the shipped models do.</source>
        <translation>Pada {count} dari {fakes} contoh palsu Anda, wajah hanya mengisi sebagian gambar: ia juga mempelajari wajah-wajah itu secara tersendiri, dan dalam pemindaian ia menilai gambar yang memuat wajah seperti itu dari wajahnya yang paling mencurigakan, seperti model bawaan.</translation>
    </message>
    <message>
        <source>{videos} of your examples are videos: it learned from {frames} frames spread over them, and each video counts as one example.</source>
        <translation>{videos} dari contoh Anda adalah video: ia belajar dari {frames} bingkai yang tersebar di sepanjang video itu, dan setiap video dihitung sebagai satu contoh.</translation>
    </message>
    <message>
        <source>{count} files could not be read and were skipped.</source>
        <translation>{count} berkas tidak dapat dibaca dan dilewati.</translation>
    </message>
    <message>
        <source>{count} identical copies were counted once.</source>
        <translation>{count} salinan identik dihitung sekali.</translation>
    </message>
    <message>
        <source>Saved in {folder}; later scans show it as &apos;{column}&apos;.</source>
        <translation>Disimpan di {folder}; pemindaian berikutnya menampilkannya sebagai &apos;{column}&apos;.</translation>
    </message>
    <message>
        <source>It is kept but turned off: {why}. Scans do not use it until you turn it on (deepfake-detector learn --enable {name}, or in the window Scan &gt; Your detectors).</source>
        <translation>Ia disimpan tetapi dimatikan: {why}. Pemindaian tidak memakainya sampai Anda menyalakannya (deepfake-detector learn --enable {name}, atau di jendela Pindai &gt; Detektor Anda).</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>tidak tercatat</translation>
    </message>
    <message>
        <source>Detector &apos;{name}&apos;</source>
        <translation>Detektor &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>Taught from {fakes} fakes and {reals} real photos on {date} with Deepfake Detector {version}.</source>
        <translation>Diajari dari {fakes} contoh palsu dan {reals} foto asli pada {date} dengan Deepfake Detector {version}.</translation>
    </message>
    <message>
        <source>Its check: {words}</source>
        <translation>Pemeriksaannya: {words}</translation>
    </message>
    <message>
        <source>With its guards, as a scan applies them, it would have called {alone} of its {fakes} fakes fake on its own.</source>
        <translation>Dengan pengamannya, seperti yang diterapkan saat pemindaian, ia akan menyebut {alone} dari {fakes} contoh palsunya sebagai palsu sendirian.</translation>
    </message>
    <message>
        <source>Base model: {model} (sha256 {sha}…).</source>
        <translation>Model dasar: {model} (sha256 {sha}…).</translation>
    </message>
    <message>
        <source>It calls a file fake only when the file is like the real photos it was taught with.</source>
        <translation>Ia menyebut berkas palsu hanya bila berkas itu mirip dengan foto asli yang dipakai untuk mengajarinya.</translation>
    </message>
</context>
<context>
    <name>LearnDialog</name>
    <message>
        <source>Teach a new kind of fake</source>
        <translation>Ajarkan jenis pemalsuan baru</translation>
    </message>
    <message>
        <source>&lt;p&gt;Show the app confirmed fakes of one new kind and real photos of the same subjects (at least {count} of each; a few dozen is better). It learns from them on this computer, checks itself on examples it did not see, and from then on every scan shows its score. A video counts as one example: it learns from a few frames spread over it.&lt;/p&gt;&lt;p&gt;Your detector can make a verdict &lt;i&gt;fake&lt;/i&gt; or &lt;i&gt;uncertain&lt;/i&gt;, never &lt;i&gt;real&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tunjukkan kepada aplikasi pemalsuan jenis baru yang sudah terkonfirmasi dan foto asli dengan subjek yang sama (masing-masing paling sedikit {count}; beberapa lusin lebih baik). Aplikasi belajar dari contoh itu di komputer ini, menguji dirinya pada contoh yang belum dilihatnya, dan sejak itu setiap pemindaian menampilkan skornya. Satu video dihitung sebagai satu contoh: aplikasi belajar dari beberapa bingkai yang tersebar di sepanjang video itu.&lt;/p&gt;&lt;p&gt;Detektor Anda bisa membuat penilaian menjadi &lt;i&gt;palsu&lt;/i&gt; atau &lt;i&gt;tidak pasti&lt;/i&gt;, tetapi tidak pernah &lt;i&gt;asli&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>e.g. new_face_app (a-z, 0-9, _)</source>
        <translation>mis. aplikasi_wajah_baru (a-z, 0-9, _)</translation>
    </message>
    <message>
        <source>Folder of real photos</source>
        <translation>Folder berisi foto asli</translation>
    </message>
    <message>
        <source>Folder of fakes of the new kind</source>
        <translation>Folder berisi pemalsuan jenis baru</translation>
    </message>
    <message>
        <source>optional, e.g. news-style fakes of generator X (shown on its card)</source>
        <translation>opsional, mis. pemalsuan bergaya berita dari generator X (ditampilkan di kartunya)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nama:</translation>
    </message>
    <message>
        <source>Kind of fake:</source>
        <translation>Jenis pemalsuan:</translation>
    </message>
    <message>
        <source>Real photos:</source>
        <translation>Foto asli:</translation>
    </message>
    <message>
        <source>Fakes:</source>
        <translation>Pemalsuan:</translation>
    </message>
    <message>
        <source>Examples:</source>
        <translation>Contoh:</translation>
    </message>
    <message>
        <source>{fakes} rows marked confirmed fake, {reals} rows marked confirmed real</source>
        <translation>{fakes} baris ditandai palsu terkonfirmasi, {reals} baris ditandai asli terkonfirmasi</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>Pelajari</translation>
    </message>
    <message>
        <source>Turn it on</source>
        <translation>Nyalakan</translation>
    </message>
    <message>
        <source>Reading the examples…</source>
        <translation>Membaca contoh…</translation>
    </message>
    <message>
        <source>Stopping… nothing will be saved.</source>
        <translation>Menghentikan… tidak ada yang akan disimpan.</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n example(s)</source>
        <translation>
            <numerusform>{done} dari %n contoh</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Not learned:&lt;/b&gt; {error}&lt;/span&gt;&lt;br&gt;Nothing was saved.</source>
        <translation>&lt;b&gt;Tidak dipelajari:&lt;/b&gt; {error}&lt;/span&gt;&lt;br&gt;Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Selesai.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved.</source>
        <translation>Dibatalkan: tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Turned on: later scans use it.</source>
        <translation>Dinyalakan: pemindaian berikutnya memakainya.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Images and videos ({patterns});;All files (*)</source>
        <translation>Gambar dan video ({patterns});;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Report saved: {what}</source>
        <translation>Laporan disimpan: {what}</translation>
    </message>
    <message>
        <source>The translation for {language} is missing from this installation.</source>
        <translation>Terjemahan untuk {language} tidak ada dalam instalasi ini.</translation>
    </message>
    <message>
        <source>Deepfake Detector</source>
        <translation>Deepfake Detector</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Penilaian</translation>
    </message>
    <message>
        <source>File metadata and error levels</source>
        <translation>Metadata berkas dan tingkat galat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Stop the scan (Esc); the files already done stay in the table</source>
        <translation>Hentikan pemindaian (Esc); berkas yang sudah selesai tetap ada di tabel</translation>
    </message>
    <message>
        <source>Loading the detection models…</source>
        <translation>Memuat model deteksi…</translation>
    </message>
    <message>
        <source>&lt;b&gt;No detection model could be loaded, so files cannot be analysed.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Tidak ada model deteksi yang dapat dimuat, jadi berkas tidak dapat dianalisis.&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{broken} of %n models cannot be used;&lt;/b&gt; verdicts use the other {usable}.</source>
        <translation>
            <numerusform>&lt;b&gt;{broken} dari %n model tidak dapat dipakai;&lt;/b&gt; penilaian memakai {usable} model lainnya.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready: %n detection model(s) loaded.</source>
        <translation>
            <numerusform>Siap: %n model deteksi dimuat.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n detector(s) you taught are on.</source>
        <translation>
            <numerusform>%n detektor yang Anda ajari aktif.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;The detection models are missing or damaged, so files cannot be analysed.&lt;/b&gt;&lt;br&gt;{reason}&lt;br&gt;Reinstall the app, or point DEEPFAKE_DETECTOR_MODELS at a models folder.</source>
        <translation>&lt;b&gt;Model deteksi tidak ada atau rusak, jadi berkas tidak dapat dianalisis.&lt;/b&gt;&lt;br&gt;{reason}&lt;br&gt;Pasang ulang aplikasi, atau arahkan DEEPFAKE_DETECTOR_MODELS ke sebuah folder model.</translation>
    </message>
    <message>
        <source>No detection models loaded.</source>
        <translation>Tidak ada model deteksi yang dimuat.</translation>
    </message>
    <message>
        <source>Open images or videos</source>
        <translation>Buka gambar atau video</translation>
    </message>
    <message>
        <source>Scan a folder</source>
        <translation>Pindai folder</translation>
    </message>
    <message>
        <source>Not found: {paths}</source>
        <translation>Tidak ditemukan: {paths}</translation>
    </message>
    <message>
        <source>Starting a new result set</source>
        <translation>Memulai kumpulan hasil baru</translation>
    </message>
    <message>
        <source>Scanning these files again</source>
        <translation>Memindai ulang berkas-berkas ini</translation>
    </message>
    <message>
        <source>Cancelling… (finishing the file in progress)</source>
        <translation>Membatalkan… (menyelesaikan berkas yang sedang diproses)</translation>
    </message>
    <message>
        <source>Looking for images and videos…</source>
        <translation>Mencari gambar dan video…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The scan stopped unexpectedly:&lt;/b&gt; {error}&lt;br&gt;The files already done are kept.</source>
        <translation>&lt;b&gt;Pemindaian berhenti tanpa diduga:&lt;/b&gt; {error}&lt;br&gt;Berkas yang sudah selesai tetap disimpan.</translation>
    </message>
    <message numerus="yes">
        <source>Scan cancelled after {done} of %n file(s) ({time}); the finished rows are kept.</source>
        <translation>
            <numerusform>Pemindaian dibatalkan setelah {done} dari %n berkas ({time}); baris yang sudah selesai tetap ada.</numerusform>
        </translation>
    </message>
    <message>
        <source>No images or videos found there.</source>
        <translation>Tidak ada gambar atau video di sana.</translation>
    </message>
    <message numerus="yes">
        <source>Scanned %n file(s) in {time}.</source>
        <translation>
            <numerusform>%n berkas dipindai dalam {time}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for images and videos… {time}</source>
        <translation>Mencari gambar dan video… {time}</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n file(s)  ·  {time} elapsed</source>
        <translation>
            <numerusform>{done} dari %n berkas  ·  sudah {time}</numerusform>
        </translation>
    </message>
    <message>
        <source>  ·  about {time} left</source>
        <translation>  ·  sisa sekitar {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n hasil</numerusform>
        </translation>
    </message>
    <message>
        <source>Export results to CSV</source>
        <translation>Ekspor hasil ke CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Clearing the results</source>
        <translation>Mengosongkan hasil</translation>
    </message>
    <message>
        <source>No preview: {error}</source>
        <translation>Tidak ada pratinjau: {error}</translation>
    </message>
    <message>
        <source>{path}
Could not analyse: {error}</source>
        <translation>{path}
Tidak dapat dianalisis: {error}</translation>
    </message>
    <message>
        <source>{headline}: {chance}, all models combined</source>
        <translation>{headline}: {chance}, gabungan semua model</translation>
    </message>
    <message numerus="yes">
        <source>%n video frame(s) analysed</source>
        <translation>
            <numerusform>%n bingkai video dianalisis</numerusform>
        </translation>
    </message>
    <message>
        <source>Deepfake Detector {version}. A score is evidence, not proof.</source>
        <translation>Deepfake Detector {version}. Skor adalah petunjuk, bukan bukti.</translation>
    </message>
    <message>
        <source>Result copied to the clipboard.</source>
        <translation>Hasil disalin ke papan klip.</translation>
    </message>
    <message>
        <source>No application could open {path}</source>
        <translation>Tidak ada aplikasi yang dapat membuka {path}</translation>
    </message>
    <message>
        <source>Nothing to export yet: open files or scan a folder first.</source>
        <translation>Belum ada yang bisa diekspor: buka berkas atau pindai folder dulu.</translation>
    </message>
    <message>
        <source>Export results to JSON</source>
        <translation>Ekspor hasil ke JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Berkas JSON (*.json)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Could not save {path}:&lt;/b&gt; {error}</source>
        <translation>&lt;b&gt;Tidak dapat menyimpan {path}:&lt;/b&gt; {error}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}</source>
        <translation>
            <numerusform>%n baris diekspor ke {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) ({shown} of the {total} rows) to {path}</source>
        <translation>
            <numerusform>%n baris ({shown} dari {total} baris) diekspor ke {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing the report (the map of where the models look takes a few seconds per image)…</source>
        <translation>Menulis laporan (peta bagian yang diperhatikan model butuh beberapa detik per gambar)…</translation>
    </message>
    <message>
        <source>Your detector &apos;{name}&apos; is used from the next scan on.</source>
        <translation>Detektor Anda &apos;{name}&apos; dipakai mulai pemindaian berikutnya.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) marked.</source>
        <translation>
            <numerusform>%n baris ditandai.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) cleared.</source>
        <translation>
            <numerusform>%n tanda dihapus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Detector written to {path}.</source>
        <translation>Detektor ditulis ke {path}.</translation>
    </message>
    <message>
        <source>still loading</source>
        <translation>masih dimuat</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>Diagnostik disalin ke papan klip.</translation>
    </message>
    <message>
        <source>Quitting</source>
        <translation>Keluar dari aplikasi</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>it looks like computer graphics (a chart, a screenshot, a drawing or a document)</source>
        <translation>gambar ini tampak seperti grafis komputer (grafik, tangkapan layar, gambar ilustrasi, atau dokumen)</translation>
    </message>
    <message>
        <source>{0} of it is flat colour</source>
        <translation>{0} darinya berupa warna datar</translation>
    </message>
    <message>
        <source>a few colours cover {0} of it</source>
        <translation>beberapa warna saja menutupi {0} darinya</translation>
    </message>
    <message>
        <source>it has none of the fine grain of a photograph ({0} is perfectly smooth)</source>
        <translation>tidak ada butiran halus sebuah foto ({0} benar-benar mulus)</translation>
    </message>
    <message>
        <source>the file needed more memory than the system could give (the decoder was stopped)</source>
        <translation>berkas ini memerlukan memori lebih besar daripada yang bisa diberikan sistem (dekoder dihentikan)</translation>
    </message>
    <message>
        <source>corrupt image</source>
        <translation>gambar rusak</translation>
    </message>
    <message>
        <source>corrupt video</source>
        <translation>video rusak</translation>
    </message>
    <message>
        <source>image too large</source>
        <translation>gambar terlalu besar</translation>
    </message>
    <message>
        <source>cannot read the file</source>
        <translation>berkas tidak dapat dibaca</translation>
    </message>
    <message>
        <source>symbolic link loop: the link leads back to itself</source>
        <translation>tautan simbolik berputar: tautan ini mengarah kembali ke dirinya sendiri</translation>
    </message>
    <message>
        <source>broken link: the file it points to does not exist</source>
        <translation>tautan rusak: berkas yang dituju tidak ada</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>berkas tidak ditemukan</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>bukan berkas biasa</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>berkas kosong (0 bita)</translation>
    </message>
    <message>
        <source>permission denied: the file is not readable</source>
        <translation>akses ditolak: berkas tidak dapat dibaca</translation>
    </message>
    <message>
        <source>not an image that can be read (unrecognised or corrupt data)</source>
        <translation>bukan gambar yang dapat dibaca (data tidak dikenali atau rusak)</translation>
    </message>
    <message>
        <source>the image needed more memory than allowed to decode</source>
        <translation>gambar ini memerlukan memori lebih besar daripada batas yang diizinkan untuk didekode</translation>
    </message>
    <message>
        <source>the file is truncated</source>
        <translation>berkas terpotong (tidak utuh)</translation>
    </message>
    <message>
        <source>not a video that can be read (unrecognised or corrupt data)</source>
        <translation>bukan video yang dapat dibaca (data tidak dikenali atau rusak)</translation>
    </message>
    <message>
        <source>video has no frames that can be decoded</source>
        <translation>video tidak memiliki bingkai yang dapat didekode</translation>
    </message>
    <message>
        <source>not a supported image or video file</source>
        <translation>bukan berkas gambar atau video yang didukung</translation>
    </message>
    <message>
        <source>no usable detection model (see the model problems)</source>
        <translation>tidak ada model deteksi yang bisa dipakai (lihat masalah model)</translation>
    </message>
    <message>
        <source>The picture as analysed</source>
        <translation>Gambar sebagaimana dianalisis</translation>
    </message>
    <message>
        <source>The map of where the models look was not made for this report.</source>
        <translation>Peta bagian yang diperhatikan model tidak dibuat untuk laporan ini.</translation>
    </message>
    <message>
        <source>Error level analysis applies to JPEG files only.</source>
        <translation>Analisis tingkat galat hanya berlaku untuk berkas JPEG.</translation>
    </message>
    <message>
        <source>The map of where the models look is drawn for images only.</source>
        <translation>Peta bagian yang diperhatikan model hanya dibuat untuk gambar.</translation>
    </message>
    <message>
        <source>Error level analysis applies to JPEG images only.</source>
        <translation>Analisis tingkat galat hanya berlaku untuk gambar JPEG.</translation>
    </message>
    <message>
        <source>The file changed or went missing after it was analysed (its sha256 differs): the scores are those of the analysis, the pictures are of the file as it is now.</source>
        <translation>Berkas berubah atau hilang setelah dianalisis (sha256-nya berbeda): skornya adalah skor saat analisis, sedangkan gambarnya adalah berkas seperti sekarang.</translation>
    </message>
    <message>
        <source>the manifest (no model card was found beside it)</source>
        <translation>manifes model (tidak ada kartu model di sebelahnya)</translation>
    </message>
    <message>
        <source>A score is evidence that a picture resembles the fakes the models were trained on; it is not proof, and no score can prove that a picture is real.</source>
        <translation>Skor adalah petunjuk bahwa sebuah gambar menyerupai pemalsuan yang dilatihkan kepada model; skor bukan bukti, dan tidak ada skor yang dapat membuktikan bahwa sebuah gambar asli.</translation>
    </message>
    <message>
        <source>The model card lists no weak spots here: treat every score with care, above all on pictures unlike the training data and on generators the models never saw.</source>
        <translation>Kartu model tidak mencantumkan titik lemah di sini: perlakukan setiap skor dengan hati-hati, terutama pada gambar yang tidak mirip data pelatihan dan pada generator yang belum pernah dilihat model.</translation>
    </message>
    <message>
        <source>Error level analysis re-saves the JPEG at the chosen quality and shows how much each part changed, amplified. Parts saved the same number of times at the same quality change about equally; a region pasted in from another image, or edited after the last save, can look brighter or darker than similar surroundings. Start at the file&apos;s own quality.
Limits: edges, fine texture and saturated colours are always bright; flat areas are always dark; re-saving (social media does) evens everything out; AI-generated images usually look uniform. A bright region is a question to ask, never proof of editing.</source>
        <translation>Analisis tingkat galat (ELA) menyimpan ulang JPEG pada kualitas yang dipilih dan menunjukkan seberapa besar setiap bagian berubah, dengan diperkuat. Bagian yang disimpan sama banyaknya pada kualitas yang sama berubah kurang lebih setara; wilayah yang ditempel dari gambar lain, atau disunting setelah penyimpanan terakhir, bisa tampak lebih terang atau lebih gelap daripada sekitarnya yang serupa. Mulailah dari kualitas berkas itu sendiri.
Batasan: tepi, tekstur halus, dan warna pekat selalu terang; bidang datar selalu gelap; penyimpanan ulang (seperti yang dilakukan media sosial) meratakan semuanya; gambar buatan AI biasanya tampak seragam. Wilayah terang adalah pertanyaan untuk ditelusuri, tidak pernah bukti penyuntingan.</translation>
    </message>
</context>
<context>
    <name>MetadataTable</name>
    <message>
        <source>Search the metadata (field or value)</source>
        <translation>Cari di metadata (isian atau nilai)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <source>Copy the fields shown (or the selected ones) as tab-separated text</source>
        <translation>Salin isian yang ditampilkan (atau yang dipilih) sebagai teks dipisah tab</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Isian</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Nilai</translation>
    </message>
    <message>
        <source>(no metadata in this file)</source>
        <translation>(tidak ada metadata di berkas ini)</translation>
    </message>
</context>
<context>
    <name>PipelineDiagram</name>
    <message numerus="yes">
        <source>%n ONNX model(s), on this computer</source>
        <translation>
            <numerusform>%n model ONNX, di komputer ini</numerusform>
        </translation>
    </message>
    <message>
        <source>Pipeline: {steps}</source>
        <translation>Alur kerja: {steps}</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Include sub-folders when scanning a folder</source>
        <translation>Sertakan subfolder saat memindai folder</translation>
    </message>
    <message>
        <source>model default ({frames})</source>
        <translation>bawaan model ({frames})</translation>
    </message>
    <message>
        <source>More frames: a more reliable video score, but a slower scan.</source>
        <translation>Lebih banyak bingkai: skor video lebih andal, tetapi pemindaian lebih lambat.</translation>
    </message>
    <message>
        <source>The colours follow your system&apos;s light or dark theme. The language is chosen in the Language menu.</source>
        <translation>Warna mengikuti tema terang atau gelap sistem Anda. Bahasa dipilih di menu Bahasa.</translation>
    </message>
    <message>
        <source>Video frames to sample:</source>
        <translation>Jumlah bingkai video yang diambil:</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Open an image or video (Ctrl+O), or drop files or folders onto this window.</source>
        <translation>Buka gambar atau video (Ctrl+O), atau seret berkas atau folder ke jendela ini.</translation>
    </message>
    <message>
        <source>Loading the preview of {name}…</source>
        <translation>Memuat pratinjau {name}…</translation>
    </message>
    <message>
        <source>No preview available.</source>
        <translation>Pratinjau tidak tersedia.</translation>
    </message>
    <message>
        <source>No preview: the file could not be read.</source>
        <translation>Tidak ada pratinjau: berkas tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>face: {chance}</source>
        <translation>wajah: {chance}</translation>
    </message>
    <message>
        <source>Frame {number} of {count} at {time}</source>
        <translation>Bingkai {number} dari {count} pada {time}</translation>
    </message>
    <message>
        <source>{caption}: {chance}</source>
        <translation>{caption}: {chance}</translation>
    </message>
    <message>
        <source>{caption} (most suspicious)</source>
        <translation>{caption} (paling mencurigakan)</translation>
    </message>
</context>
<context>
    <name>ProbabilityBar</name>
    <message>
        <source>no score</source>
        <translation>tidak ada skor</translation>
    </message>
    <message>
        <source>{percent} percent fake</source>
        <translation>{percent} persen palsu</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ya</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Tidak</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>Results not exported</source>
        <translation>Hasil belum diekspor</translation>
    </message>
    <message>
        <source>{doing} discards {results} that you have not exported.

Export them to CSV first, discard them, or cancel?</source>
        <translation>{doing} akan membuang {results} yang belum Anda ekspor.

Ekspor dulu ke CSV, buang, atau batalkan?</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} bita</translation>
    </message>
    <message>
        <source>&lt;p&gt;Combined score: &lt;b&gt;{score}&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Skor gabungan: &lt;b&gt;{score}&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versi</translation>
    </message>
    <message>
        <source>score</source>
        <translation>skor</translation>
    </message>
    <message>
        <source>counts for</source>
        <translation>bobot</translation>
    </message>
    <message>
        <source>valid, signer on the trust list</source>
        <translation>sah, penanda tangan ada dalam daftar tepercaya</translation>
    </message>
    <message>
        <source>valid (signer not on a trust list)</source>
        <translation>sah (penanda tangan tidak ada dalam daftar tepercaya)</translation>
    </message>
    <message>
        <source>do NOT validate</source>
        <translation>TIDAK sah</translation>
    </message>
    <message>
        <source>Content credentials</source>
        <translation>Kredensial konten</translation>
    </message>
    <message>
        <source>Made with</source>
        <translation>Dibuat dengan</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Ditandatangani oleh</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Sertifikat</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>Ditandatangani pada</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What the file says about itself&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Apa kata berkas tentang dirinya&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Metadata and content credentials are read from images only.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Metadata dan kredensial konten hanya dibaca dari gambar.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>IPTC/XMP digital source type</source>
        <translation>Jenis sumber digital IPTC/XMP</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Generator label:&lt;/b&gt; {label}. Metadata can be forged or stripped: a label is a lead, not proof, and its absence proves nothing.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Label generator:&lt;/b&gt; {label}. Metadata bisa dipalsukan atau dihapus: label adalah petunjuk, bukan bukti, dan ketiadaannya tidak membuktikan apa pun.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Error level analysis&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Analisis tingkat galat&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>{frames} sampled evenly</source>
        <translation>{frames} diambil secara merata</translation>
    </message>
    <message>
        <source>{frames} sampled evenly; {share} of them look fake on their own</source>
        <translation>{frames} diambil secara merata; {share} di antaranya tampak palsu dengan sendirinya</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Bingkai</translation>
    </message>
    <message>
        <source>{width} x {height} pixels</source>
        <translation>{width} x {height} piksel</translation>
    </message>
    <message>
        <source>not recognised</source>
        <translation>tidak dikenali</translation>
    </message>
    <message>
        <source>not computed (the file could not be read)</source>
        <translation>tidak dihitung (berkas tidak dapat dibaca)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Dimensi</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Diputuskan oleh</translation>
    </message>
    <message>
        <source>Analysed at</source>
        <translation>Dianalisis pada</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Dengan</translation>
    </message>
    <message>
        <source>Deepfake Detector {version}, models listed below</source>
        <translation>Deepfake Detector {version}, model tercantum di bawah</translation>
    </message>
    <message>
        <source>confirmed fake</source>
        <translation>palsu terkonfirmasi</translation>
    </message>
    <message>
        <source>confirmed real</source>
        <translation>asli terkonfirmasi</translation>
    </message>
    <message>
        <source>Marked by you</source>
        <translation>Tanda dari Anda</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing else could be checked: no score, no map and no metadata are available for a file that cannot be read.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tidak ada lagi yang bisa diperiksa: tidak ada skor, peta, maupun metadata untuk berkas yang tidak dapat dibaca.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verdict bands: {real} below {t_real}, {fake} from {t_fake}, {uncertain} between.</source>
        <translation>Rentang penilaian: {real} di bawah {t_real}, {fake} mulai {t_fake}, {uncertain} di antaranya.</translation>
    </message>
    <message>
        <source>Models manifest of {date}.</source>
        <translation>Manifes model tertanggal {date}.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The models&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Model-model&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Models not used:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Model yang tidak dipakai:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;What these models can and cannot tell&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Apa yang bisa dan tidak bisa disimpulkan model-model ini&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What a score means&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Arti sebuah skor&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Where it means little&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Kapan skor kurang bermakna&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>From {source} and the measurements in the models&apos; manifest.</source>
        <translation>Dari {source} dan hasil pengukuran dalam manifes model.</translation>
    </message>
    <message>
        <source>Could not analyse</source>
        <translation>Tidak dapat dianalisis</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Dipindai</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Report made at</source>
        <translation>Laporan dibuat pada</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Files that need attention: {count}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Berkas yang perlu diperhatikan: {count}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each file judged {flagged} has a section of its own after this page; files that could not be analysed need checking by hand. The other files are rows of one table at the end.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Setiap berkas yang dinilai {flagged} punya bagiannya sendiri setelah halaman ini; berkas yang tidak dapat dianalisis perlu diperiksa secara manual. Berkas lainnya menjadi baris sebuah tabel di bagian akhir.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;None: no file was judged {flagged}, and every file could be analysed. The files are listed at the end.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tidak ada: tidak ada berkas yang dinilai {flagged}, dan setiap berkas dapat dianalisis. Berkas-berkasnya dicantumkan di bagian akhir.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The other files: {count}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Berkas lainnya: {count}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The sha256 column shows the first 16 characters of each file&apos;s hash.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Kolom sha256 menampilkan 16 karakter pertama hash setiap berkas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Penilaian</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Skor</translation>
    </message>
    <message>
        <source>Error or label</source>
        <translation>Kesalahan atau label</translation>
    </message>
    <message>
        <source>&lt;h1&gt;Scan report&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Laporan pemindaian&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Copies of one picture&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Salinan dari satu gambar&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Copy group</source>
        <translation>Kelompok salinan</translation>
    </message>
    <message>
        <source>Files (# as in the table above)</source>
        <translation>Berkas (# seperti pada tabel di atas)</translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation>Laporan verifikasi</translation>
    </message>
    <message>
        <source>Scan report</source>
        <translation>Laporan pemindaian</translation>
    </message>
    <message>
        <source>Verification report: {name}</source>
        <translation>Laporan verifikasi: {name}</translation>
    </message>
    <message>
        <source>en</source>
        <translation>id</translation>
    </message>
</context>
<context>
    <name>ReportSaver</name>
    <message>
        <source>PDF document (*.pdf);;Web page, self-contained (*.html)</source>
        <translation>Dokumen PDF (*.pdf);;Halaman web mandiri (*.html)</translation>
    </message>
    <message>
        <source>files from several drives</source>
        <translation>berkas dari beberapa drive</translation>
    </message>
    <message>
        <source>Select a file in the results first: its report is saved.</source>
        <translation>Pilih dulu sebuah berkas di tabel hasil: laporannya yang akan disimpan.</translation>
    </message>
    <message>
        <source>Save the verification report</source>
        <translation>Simpan laporan verifikasi</translation>
    </message>
    <message>
        <source>Nothing to report yet: open files or scan a folder first.</source>
        <translation>Belum ada yang bisa dilaporkan: buka berkas atau pindai folder dulu.</translation>
    </message>
    <message>
        <source>Save the scan report</source>
        <translation>Simpan laporan pemindaian</translation>
    </message>
    <message>
        <source>The detection models are not loaded: no report can be made.</source>
        <translation>Model deteksi belum dimuat: laporan tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>A report is already being written; wait until it is saved.</source>
        <translation>Sebuah laporan sedang ditulis; tunggu sampai tersimpan.</translation>
    </message>
    <message numerus="yes">
        <source>{path} (%n page(s))</source>
        <translation>
            <numerusform>{path} (%n halaman)</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>Tidak dapat menyimpan {path}: {error}</translation>
    </message>
    <message>
        <source>The report could not be made: {error}</source>
        <translation>Laporan tidak dapat dibuat: {error}</translation>
    </message>
</context>
<context>
    <name>ResultSets</name>
    <message>
        <source>Results already in the table</source>
        <translation>Sudah ada hasil di tabel</translation>
    </message>
    <message>
        <source>The table holds {results} from an earlier scan. Start a new result set for this scan, or add its results to these? (The CSV export&apos;s “scan” column says which scan each row came from.)</source>
        <translation>Tabel berisi {results} dari pemindaian sebelumnya. Mulai kumpulan hasil baru untuk pemindaian ini, atau tambahkan hasilnya ke hasil yang ada? (Kolom “scan” di ekspor CSV menyebutkan dari pemindaian mana setiap baris berasal.)</translation>
    </message>
    <message>
        <source>Start a new result set</source>
        <translation>Mulai kumpulan hasil baru</translation>
    </message>
    <message>
        <source>Add to these results</source>
        <translation>Tambahkan ke hasil ini</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>made by {generator}</source>
        <translation>dibuat dengan {generator}</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Gambar</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Penilaian</translation>
    </message>
    <message>
        <source>Chance of fake</source>
        <translation>Peluang palsu</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Bingkai</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Salinan</translation>
    </message>
    <message>
        <source>File says</source>
        <translation>Kata berkas</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <source>Marked</source>
        <translation>Tanda</translation>
    </message>
    <message>
        <source>confirmed fake</source>
        <translation>palsu terkonfirmasi</translation>
    </message>
    <message>
        <source>confirmed real</source>
        <translation>asli terkonfirmasi</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>Chance that the file is fake, all models combined (calibrated on held-out data)</source>
        <translation>Peluang bahwa berkas ini palsu, gabungan semua model (dikalibrasi pada data uji yang disisihkan)</translation>
    </message>
    <message>
        <source>What the file&apos;s metadata says about its origin (content credentials, generator labels)</source>
        <translation>Apa kata metadata berkas tentang asal-usulnya (kredensial konten, label generator)</translation>
    </message>
    <message>
        <source>Your mark: select rows, then Mark as confirmed fake or real (right-click); Teach from marked rows learns from them</source>
        <translation>Tanda Anda: pilih baris, lalu Tandai sebagai palsu atau asli terkonfirmasi (klik kanan); Ajarkan dari baris bertanda belajar darinya</translation>
    </message>
    <message>
        <source>Chance of fake according to {name} alone (model id {id})</source>
        <translation>Peluang palsu menurut {name} saja (id model {id})</translation>
    </message>
    <message>
        <source>{says}
(from the file&apos;s own metadata: easy to strip or forge, see the “File metadata” tab)</source>
        <translation>{says}
(dari metadata berkas itu sendiri: mudah dihapus atau dipalsukan, lihat tab “Metadata berkas”)</translation>
    </message>
    <message>
        <source>This picture and the other files of this group are copies of one picture (re-encoded, resized or slightly cropped)</source>
        <translation>Gambar ini dan berkas lain dalam kelompok ini adalah salinan dari satu gambar (dikodekan ulang, diubah ukurannya, atau sedikit dipotong)</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>All verdicts</source>
        <translation>Semua penilaian</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <source>Copies of one picture</source>
        <translation>Salinan dari satu gambar</translation>
    </message>
    <message>
        <source>Show only the files with this verdict</source>
        <translation>Tampilkan hanya berkas dengan penilaian ini</translation>
    </message>
    <message>
        <source>Filter by file name or error (Ctrl+F)</source>
        <translation>Saring menurut nama berkas atau kesalahan (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Tampilkan:</translation>
    </message>
    <message>
        <source>{count} {verdict}</source>
        <translation>{count} {verdict}</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n kesalahan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanSession</name>
    <message>
        <source>Cannot analyse: no detection model is loaded (see the message above).</source>
        <translation>Tidak dapat menganalisis: tidak ada model deteksi yang dimuat (lihat pesan di atas).</translation>
    </message>
</context>
<context>
    <name>ShareDialogs</name>
    <message>
        <source>Shared detectors (*{suffix});;All files (*)</source>
        <translation>Detektor yang dibagikan (*{suffix});;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Import a detector</source>
        <translation>Impor detektor</translation>
    </message>
    <message>
        <source>the models are not loaded yet</source>
        <translation>model belum dimuat</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>Tidak diimpor</translation>
    </message>
    <message>
        <source>Share a detector</source>
        <translation>Bagikan detektor</translation>
    </message>
    <message>
        <source>You have not taught or imported any detector yet.</source>
        <translation>Anda belum melatih atau mengimpor detektor apa pun.</translation>
    </message>
    <message>
        <source>Detector:</source>
        <translation>Detektor:</translation>
    </message>
    <message>
        <source>Shared detectors (*{suffix})</source>
        <translation>Detektor yang dibagikan (*{suffix})</translation>
    </message>
    <message>
        <source>Not shared</source>
        <translation>Tidak dibagikan</translation>
    </message>
</context>
<context>
    <name>Style</name>
    <message>
        <source>A score is evidence, not proof. Check the source, the context and other copies of the file before you publish.</source>
        <translation>Skor adalah petunjuk, bukan bukti. Periksa sumber, konteks, dan salinan lain berkas ini sebelum Anda menerbitkannya.</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>Chance of fake, all models combined</source>
        <translation>Peluang palsu, gabungan semua model</translation>
    </message>
    <message>
        <source>Each model&apos;s chance of fake, the one that counts most first</source>
        <translation>Peluang palsu menurut setiap model, yang bobotnya terbesar lebih dulu</translation>
    </message>
    <message>
        <source>not counted: shown for reference, not part of the verdict</source>
        <translation>tidak dihitung: ditampilkan sebagai rujukan, bukan bagian dari penilaian</translation>
    </message>
    <message>
        <source>not used: see the message above</source>
        <translation>tidak dipakai: lihat pesan di atas</translation>
    </message>
    <message>
        <source>{name} (model id {id}); the About dialog has its model card</source>
        <translation>{name} (id model {id}); kartu modelnya ada di dialog Tentang</translation>
    </message>
    <message>
        <source>{name}: chance of fake</source>
        <translation>{name}: peluang palsu</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>tidak tersedia</translation>
    </message>
    <message>
        <source>No file selected</source>
        <translation>Belum ada berkas yang dipilih</translation>
    </message>
    <message>
        <source>Open a file or scan a folder; select a row to see its verdict here.</source>
        <translation>Buka berkas atau pindai folder; pilih sebuah baris untuk melihat penilaiannya di sini.</translation>
    </message>
    <message>
        <source>Unknown type</source>
        <translation>Jenis tidak diketahui</translation>
    </message>
    <message>
        <source>{width} × {height} px</source>
        <translation>{width} × {height} piksel</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s) analysed</source>
        <translation>
            <numerusform>%n bingkai dianalisis</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not analyse</source>
        <translation>Tidak dapat dianalisis</translation>
    </message>
    <message>
        <source>&lt;b&gt;Problem:&lt;/b&gt; {error}</source>
        <translation>&lt;b&gt;Masalah:&lt;/b&gt; {error}</translation>
    </message>
    <message>
        <source>{caption} (for reference only: no verdict)</source>
        <translation>{caption} (hanya sebagai rujukan: tidak ada penilaian)</translation>
    </message>
    <message>
        <source>The file says it was made by {generator} (see “File metadata”).</source>
        <translation>Berkas ini menyatakan dirinya dibuat dengan {generator} (lihat “Metadata berkas”).</translation>
    </message>
    <message>
        <source>{provenance} (See “File metadata”.)</source>
        <translation>{provenance} (Lihat “Metadata berkas”.)</translation>
    </message>
    <message numerus="yes">
        <source>{judged} of %n sampled frame(s) look fake.</source>
        <translation>
            <numerusform>{judged} dari %n bingkai sampel tampak palsu.</numerusform>
        </translation>
    </message>
    <message>
        <source>The most suspicious frame is at {time} ({chance}).</source>
        <translation>Bingkai paling mencurigakan ada pada {time} ({chance}).</translation>
    </message>
    <message>
        <source>No frame is in the fake band; the highest score ({chance}, at {time}) is not a finding.</source>
        <translation>Tidak ada bingkai di rentang palsu; skor tertinggi ({chance}, pada {time}) bukan sebuah temuan.</translation>
    </message>
    <message>
        <source>Part of this video looks manipulated: check the outlined frames.</source>
        <translation>Sebagian video ini tampak dimanipulasi: periksa bingkai yang diberi garis tepi.</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>{count} bytes</source>
        <translation>{count} bita</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>face swaps in videos</source>
        <translation>tukar wajah dalam video</translation>
    </message>
    <message>
        <source>face manipulations</source>
        <translation>manipulasi wajah</translation>
    </message>
    <message>
        <source>GAN-generated faces (StyleGAN)</source>
        <translation>wajah buatan GAN (StyleGAN)</translation>
    </message>
    <message>
        <source>diffusion-generated images (Stable Diffusion)</source>
        <translation>gambar buatan model difusi (Stable Diffusion)</translation>
    </message>
    <message>
        <source>recent text-to-image generators (FLUX, SDXL, Midjourney and others)</source>
        <translation>generator teks-ke-gambar terbaru (FLUX, SDXL, Midjourney, dan lainnya)</translation>
    </message>
    <message>
        <source>diffusion-generated images (FLUX)</source>
        <translation>gambar buatan model difusi (FLUX)</translation>
    </message>
    <message>
        <source>face swaps and face manipulations</source>
        <translation>tukar wajah dan manipulasi wajah</translation>
    </message>
    <message>
        <source>GAN-generated faces</source>
        <translation>wajah buatan GAN</translation>
    </message>
    <message>
        <source>diffusion text-to-image pictures</source>
        <translation>gambar teks-ke-gambar buatan model difusi</translation>
    </message>
    <message>
        <source>Small fake-pattern detector (seed CNN)</source>
        <translation>Detektor pola palsu kecil (CNN awal)</translation>
    </message>
    <message>
        <source>Fake-pattern critic trained against a generator (seed GAN)</source>
        <translation>Penilai pola palsu yang dilatih melawan generator (GAN awal)</translation>
    </message>
    <message>
        <source>Detector on general photo features (MobileNetV2)</source>
        <translation>Detektor berbasis ciri umum foto (MobileNetV2)</translation>
    </message>
    <message>
        <source>Detector on up-sampling traces (MobileNetV2 on pixel-neighbour differences)</source>
        <translation>Detektor jejak pembesaran gambar (MobileNetV2 pada selisih piksel bertetangga)</translation>
    </message>
    <message>
        <source>Detector on general photo features (EfficientNet-Lite0)</source>
        <translation>Detektor berbasis ciri umum foto (EfficientNet-Lite0)</translation>
    </message>
    <message>
        <source>Detector on general photo features (EfficientNet-Lite2)</source>
        <translation>Detektor berbasis ciri umum foto (EfficientNet-Lite2)</translation>
    </message>
    <message>
        <source>&lt;1%</source>
        <translation>&lt;1%</translation>
    </message>
    <message>
        <source>&gt;99%</source>
        <translation>&gt;99%</translation>
    </message>
    <message>
        <source>{value}%</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <source>{percent} chance of fake</source>
        <translation>peluang palsu {percent}</translation>
    </message>
    <message>
        <source>Your detector &apos;{name}&apos;</source>
        <translation>Detektor Anda &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>{name}: {percent} chance of this kind of fake</source>
        <translation>{name}: peluang {percent} untuk jenis pemalsuan ini</translation>
    </message>
    <message>
        <source>{items} and {last}</source>
        <translation>{items} dan {last}</translation>
    </message>
    <message>
        <source>counts for {percent} of the combined score</source>
        <translation>berbobot {percent} dari skor gabungan</translation>
    </message>
    <message>
        <source>{name}: {chance} ({share})</source>
        <translation>{name}: {chance} ({share})</translation>
    </message>
    <message>
        <source>No signs found</source>
        <translation>Tak ada tanda</translation>
    </message>
    <message>
        <source>No signs of AI generation found</source>
        <translation>Tidak ditemukan tanda buatan AI</translation>
    </message>
    <message>
        <source>The models found no signs of the fakes they were trained to find: {kinds}. This is not proof that the file is authentic: other kinds of fakes, and generators the models never saw, can pass unnoticed.</source>
        <translation>Model tidak menemukan tanda pemalsuan yang dilatihkan kepadanya: {kinds}. Ini bukan bukti bahwa berkas ini asli: jenis pemalsuan lain, dan generator yang belum pernah dilihat model, bisa lolos tanpa terdeteksi.</translation>
    </message>
    <message>
        <source>Likely fake</source>
        <translation>Kemungkinan palsu</translation>
    </message>
    <message>
        <source>The models found strong signs of AI generation or manipulation (they were trained on {kinds}). Verify before you use it: a score is evidence, not proof.</source>
        <translation>Model menemukan tanda kuat buatan atau manipulasi AI (model dilatih dengan {kinds}). Verifikasi sebelum Anda memakainya: skor adalah petunjuk, bukan bukti.</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Tidak pasti</translation>
    </message>
    <message>
        <source>The signs are weak, or the models disagree. Do not rely on this result either way; use other checks.</source>
        <translation>Tandanya lemah, atau model-model tidak sepakat. Jangan bersandar pada hasil ini ke arah mana pun; lakukan pemeriksaan lain.</translation>
    </message>
    <message>
        <source>Labelled as AI-generated</source>
        <translation>Berlabel buatan AI</translation>
    </message>
    <message>
        <source>The file says it was made by generative AI, or its pixels carry a known generator&apos;s invisible watermark. Only content credentials (C2PA) that validate are verified; an IPTC or XMP label is a line in the file&apos;s metadata that anyone can add or remove. The models&apos; scores are shown for reference.</source>
        <translation>Berkas menyatakan dirinya dibuat dengan AI generatif, atau pikselnya membawa tanda air tak kasatmata dari generator yang dikenal. Hanya kredensial konten (C2PA) yang tervalidasi yang terverifikasi; label IPTC atau XMP adalah satu baris di metadata berkas yang bisa ditambahkan atau dihapus siapa saja. Skor model ditampilkan sebagai rujukan.</translation>
    </message>
    <message>
        <source>{line}; but its fakes showed faces and its real photos mostly did not, so on a picture with a face, or one unlike those real photos, it cannot make the verdict fake on its own</source>
        <translation>{line}; tetapi contoh palsunya menampilkan wajah sedangkan foto aslinya sebagian besar tidak, sehingga pada gambar yang menampilkan wajah, atau yang tidak mirip dengan foto asli itu, ia tidak dapat membuat putusan menjadi palsu sendirian</translation>
    </message>
    <message>
        <source>Faces found: {count}; the verdict comes from the most suspicious face (the whole picture: {chance})</source>
        <translation>Wajah ditemukan: {count}; putusan berasal dari wajah yang paling mencurigakan (seluruh gambar: {chance})</translation>
    </message>
    <message>
        <source>faces found in {frames} of {of} frames: those frames are judged by their most suspicious face</source>
        <translation>wajah ditemukan di {frames} dari {of} bingkai: bingkai-bingkai itu dinilai dari wajahnya yang paling mencurigakan</translation>
    </message>
    <message>
        <source>Of the {count} kinds of fake in the models&apos; training data, it looks most like {kind}</source>
        <translation>Dari {count} jenis palsu dalam data latih model, berkas ini paling mirip {kind}</translation>
    </message>
    <message>
        <source>Of the {count} kinds of fake in the models&apos; training data, it looks most like {kind} (named right for {percent} of such fakes from a source left out of training)</source>
        <translation>Dari {count} jenis palsu dalam data latih model, berkas ini paling mirip {kind} (jenisnya disebut benar untuk {percent} dari palsu semacam itu dari sumber yang tidak ikut dilatih)</translation>
    </message>
    <message>
        <source>Verified content credentials (C2PA) say it was made by {who}.</source>
        <translation>Kredensial konten (C2PA) yang terverifikasi menyatakan berkas dibuat oleh {who}.</translation>
    </message>
    <message>
        <source>The file has content credentials (C2PA) that do not validate ({problem}): do not rely on them.</source>
        <translation>Berkas memiliki kredensial konten (C2PA) yang tidak tervalidasi ({problem}): jangan mengandalkannya.</translation>
    </message>
    <message>
        <source>The file says it was made by AI (IPTC label “{code}”): a label anyone can add or remove.</source>
        <translation>Berkas menyatakan dirinya dibuat dengan AI (label IPTC “{code}”): label yang bisa ditambahkan atau dihapus siapa saja.</translation>
    </message>
    <message>
        <source>The file&apos;s IPTC label says its source is “{code}”: a label anyone can add or remove.</source>
        <translation>Label IPTC berkas menyatakan sumbernya “{code}”: label yang bisa ditambahkan atau dihapus siapa saja.</translation>
    </message>
    <message>
        <source>The pixels carry the invisible watermark of {who}.</source>
        <translation>Piksel gambar ini membawa tanda air tak kasatmata dari {who}.</translation>
    </message>
    <message>
        <source>The picture&apos;s pixels carry the invisible watermark that {generator} embeds in every picture it makes ({wrong} of {bits} bits read differently). Real photos do not carry it by chance: this is strong evidence that {generator} made the picture. Anyone with the same free tool could add it, though, and the picture may since have been edited.</source>
        <translation>Piksel gambar ini membawa watermark tak kasatmata yang disisipkan {generator} ke setiap gambar yang dibuatnya ({wrong} dari {bits} bit terbaca berbeda). Foto asli tidak membawanya secara kebetulan: ini bukti kuat bahwa {generator} membuat gambar ini. Namun, siapa pun dengan alat gratis yang sama dapat menambahkannya, dan gambar ini mungkin telah disunting sesudahnya.</translation>
    </message>
    <message>
        <source>No known invisible generator watermark (Stable Diffusion XL, 1 or 2) is in the pixels. This says nothing either way: most generators embed none, and saving as JPEG, resizing or cropping removes it.</source>
        <translation>Tidak ada watermark tak kasatmata generator yang dikenal (Stable Diffusion XL, 1 atau 2) di dalam piksel. Ini tidak membuktikan apa pun: sebagian besar generator tidak menyisipkannya, dan menyimpan sebagai JPEG, mengubah ukuran, atau memotong gambar menghapusnya.</translation>
    </message>
    <message>
        <source>{files} files are copies of one picture (re-encoded, resized or slightly cropped).</source>
        <translation>{files} berkas adalah salinan dari satu gambar (dikodekan ulang, diubah ukurannya, atau sedikit dipotong).</translation>
    </message>
    <message>
        <source>{files} files are copies of {pictures} pictures (re-encoded, resized or slightly cropped).</source>
        <translation>{files} berkas adalah salinan dari {pictures} gambar (dikodekan ulang, diubah ukurannya, atau sedikit dipotong).</translation>
    </message>
    <message>
        <source>Copy group {group}</source>
        <translation>Kelompok salinan {group}</translation>
    </message>
    <message>
        <source>Not assessable</source>
        <translation>Tidak dapat dinilai</translation>
    </message>
    <message>
        <source>Fake-pattern detector trained from scratch (ResNet-50, seed paper)</source>
        <translation>Detektor pola palsu yang dilatih dari nol (ResNet-50, makalah awal)</translation>
    </message>
    <message>
        <source>Not assessable by these models</source>
        <translation>Tidak dapat dinilai oleh model ini</translation>
    </message>
    <message>
        <source>{why}The models were trained on photographs and on {kinds}; on other pictures their scores mean nothing, so no verdict is given. Their scores are shown for reference only.</source>
        <translation>{why}Model dilatih dengan foto dan dengan {kinds}; pada gambar jenis lain skornya tidak bermakna, jadi tidak ada penilaian. Skornya ditampilkan hanya sebagai rujukan.</translation>
    </message>
    <message>
        <source>Not analysed</source>
        <translation>Tidak dianalisis</translation>
    </message>
    <message>
        <source>This file could not be analysed: {reason}.</source>
        <translation>Berkas ini tidak dapat dianalisis: {reason}.</translation>
    </message>
    <message>
        <source>the fakes in their training data</source>
        <translation>pemalsuan dalam data pelatihannya</translation>
    </message>
    <message>
        <source>This file could not be analysed.</source>
        <translation>Berkas ini tidak dapat dianalisis.</translation>
    </message>
    <message>
        <source>{name} says {chance}</source>
        <translation>{name} menyatakan {chance}</translation>
    </message>
    <message>
        <source>Uncertain although the combined score ({chance}) says {headline}: {models} (the models disagree strongly)</source>
        <translation>Tidak pasti meskipun skor gabungan ({chance}) menyatakan {headline}: {models} (model-model sangat tidak sepakat)</translation>
    </message>
    <message>
        <source>Uncertain: the picture is unlike the photos the models were trained on, so their scores may mean little</source>
        <translation>Tidak pasti: gambar ini tidak mirip dengan foto yang dipakai untuk melatih model, sehingga skornya mungkin tidak banyak berarti</translation>
    </message>
    <message>
        <source>{line}; it makes the verdict fake (it says fake from {percent})</source>
        <translation>{line}; detektor ini membuat putusan menjadi palsu (ia menyatakan palsu mulai {percent})</translation>
    </message>
    <message>
        <source>{line}; it makes the verdict uncertain (from {percent} it does not let a file pass as real)</source>
        <translation>{line}; detektor ini membuat putusan menjadi tidak pasti (mulai {percent} ia tidak membiarkan berkas lolos sebagai asli)</translation>
    </message>
    <message>
        <source>{line}; but the picture is unlike the real photos it was taught with, so it cannot make the verdict fake on its own</source>
        <translation>{line}; tetapi gambar ini tidak mirip dengan foto asli yang dipakai untuk mengajarinya, sehingga ia tidak dapat membuat putusan menjadi palsu sendirian</translation>
    </message>
    <message>
        <source>Your detector &apos;{name}&apos;, taught from {count} examples, says this looks like that kind of fake</source>
        <translation>Detektor Anda &apos;{name}&apos;, yang diajari dengan {count} contoh, menyatakan berkas ini tampak seperti jenis pemalsuan tersebut</translation>
    </message>
    <message>
        <source>the models&apos; combined score</source>
        <translation>skor gabungan model</translation>
    </message>
    <message>
        <source>an AI label in the file</source>
        <translation>label AI di dalam berkas</translation>
    </message>
    <message>
        <source>Give it real photos of the same subjects and sources as the files you will check (e.g. from your own archive of the same kind of pictures): it learns what separates your fakes from those photos, and it will not call fake a file unlike them.</source>
        <translation>Berikan foto asli dengan subjek dan sumber yang sama dengan berkas yang akan Anda periksa (mis. dari arsip Anda sendiri untuk jenis gambar yang sama): detektor mempelajari apa yang membedakan pemalsuan Anda dari foto-foto itu, dan tidak akan menyebut palsu berkas yang tidak mirip dengannya.</translation>
    </message>
    <message>
        <source>its own check says it barely tells this kind of fake from your real photos</source>
        <translation>pengujiannya sendiri menyatakan ia nyaris tidak dapat membedakan jenis pemalsuan ini dari foto asli Anda</translation>
    </message>
    <message>
        <source>it learned from fewer than {count} examples of a class</source>
        <translation>ia belajar dari kurang dari {count} contoh untuk salah satu kelas</translation>
    </message>
</context>
</TS>
