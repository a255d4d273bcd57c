<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>LearnDialog</name>
    <message numerus="yes">
        <source>{done} of %n example(s)</source>
        <translation>
            <numerusform>{done} of %n example</numerusform>
            <numerusform>{done} of %n examples</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>&lt;b&gt;{broken} of %n models cannot be used;&lt;/b&gt; verdicts use the other {usable}.</source>
        <translation>
            <numerusform>&lt;b&gt;{broken} of %n models cannot be used;&lt;/b&gt; verdicts use the other {usable}.</numerusform>
            <numerusform>&lt;b&gt;{broken} of %n models cannot be used;&lt;/b&gt; verdicts use the other {usable}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready: %n detection model(s) loaded.</source>
        <translation>
            <numerusform>Ready: %n detection model loaded.</numerusform>
            <numerusform>Ready: %n detection models loaded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan cancelled after {done} of %n file(s) ({time}); the finished rows are kept.</source>
        <translation>
            <numerusform>Scan cancelled after {done} of %n file ({time}); the finished rows are kept.</numerusform>
            <numerusform>Scan cancelled after {done} of %n files ({time}); the finished rows are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scanned %n file(s) in {time}.</source>
        <translation>
            <numerusform>Scanned %n file in {time}.</numerusform>
            <numerusform>Scanned %n files in {time}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n file(s)  ·  {time} elapsed</source>
        <translation>
            <numerusform>{done} of %n file  ·  {time} elapsed</numerusform>
            <numerusform>{done} of %n files  ·  {time} elapsed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n detector(s) you taught are on.</source>
        <translation>
            <numerusform>%n detector you taught is on.</numerusform>
            <numerusform>%n detectors you taught are on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video frame(s) analysed</source>
        <translation>
            <numerusform>%n video frame analysed</numerusform>
            <numerusform>%n video frames analysed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}</source>
        <translation>
            <numerusform>Exported %n row to {path}</numerusform>
            <numerusform>Exported %n rows to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) ({shown} of the {total} rows) to {path}</source>
        <translation>
            <numerusform>Exported %n row ({shown} of the {total} rows) to {path}</numerusform>
            <numerusform>Exported %n rows ({shown} of the {total} rows) to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) marked.</source>
        <translation>
            <numerusform>%n row marked.</numerusform>
            <numerusform>%n rows marked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s) cleared.</source>
        <translation>
            <numerusform>%n mark cleared.</numerusform>
            <numerusform>%n marks cleared.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PipelineDiagram</name>
    <message numerus="yes">
        <source>%n ONNX model(s), on this computer</source>
        <translation>
            <numerusform>%n ONNX model, on this computer</numerusform>
            <numerusform>%n ONNX models, on this computer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportSaver</name>
    <message numerus="yes">
        <source>{path} (%n page(s))</source>
        <translation>
            <numerusform>{path} (%n page)</numerusform>
            <numerusform>{path} (%n pages)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message numerus="yes">
        <source>%n frame(s) analysed</source>
        <translation>
            <numerusform>%n frame analysed</numerusform>
            <numerusform>%n frames analysed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{judged} of %n sampled frame(s) look fake.</source>
        <translation>
            <numerusform>{judged} of %n sampled frame look fake.</numerusform>
            <numerusform>{judged} of %n sampled frames look fake.</numerusform>
        </translation>
    </message>
</context>
</TS>
