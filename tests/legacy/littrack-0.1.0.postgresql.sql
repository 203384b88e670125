--
-- PostgreSQL database dump
--

\restrict oFUd0jcr7IjjPoMeVCB7OGb9mFlyCKNgSTfH6S35vzTjPEUI1pw3rMwV7JwAbRl

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: articles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.articles (
    pmid bigint NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    abstract text DEFAULT ''::text NOT NULL,
    is_book boolean DEFAULT false NOT NULL,
    citation_status character varying(32) DEFAULT ''::character varying NOT NULL,
    journal text DEFAULT ''::text NOT NULL,
    journal_iso text DEFAULT ''::text NOT NULL,
    volume text DEFAULT ''::text NOT NULL,
    issue text DEFAULT ''::text NOT NULL,
    pages text DEFAULT ''::text NOT NULL,
    pub_year integer,
    pub_month integer,
    pub_day integer,
    pub_date character varying(10),
    pub_date_text text DEFAULT ''::text NOT NULL,
    electronic_date character varying(10),
    entrez_date character varying(10),
    date_revised character varying(10),
    authors json NOT NULL,
    first_author text DEFAULT ''::text NOT NULL,
    languages json NOT NULL,
    language character varying(16) DEFAULT ''::character varying NOT NULL,
    publication_types json NOT NULL,
    mesh json NOT NULL,
    keywords json NOT NULL,
    doi text,
    pmc character varying(32),
    retracted boolean DEFAULT false NOT NULL,
    retraction_in json NOT NULL,
    erratum_in json NOT NULL,
    study_design character varying(32) DEFAULT 'other'::character varying NOT NULL,
    humans boolean DEFAULT false NOT NULL,
    animals boolean DEFAULT false NOT NULL,
    fetched_at character varying(32) NOT NULL,
    deleted_at character varying(32)
);


--
-- Name: claim_articles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.claim_articles (
    claim_id character varying(200) NOT NULL,
    pmid bigint NOT NULL,
    first_seen character varying(32) NOT NULL,
    last_seen character varying(32) NOT NULL,
    first_run_id integer,
    dropped_at character varying(32)
);


--
-- Name: claim_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.claim_counts (
    run_id integer NOT NULL,
    claim_id character varying(200) NOT NULL,
    query_version integer DEFAULT 1 NOT NULL,
    counted_at character varying(32) NOT NULL,
    count integer,
    retrieved integer,
    new_links integer DEFAULT 0 NOT NULL,
    dropped_links integer DEFAULT 0 NOT NULL,
    searches integer DEFAULT 0 NOT NULL,
    status character varying(16) DEFAULT 'ok'::character varying NOT NULL,
    error text DEFAULT ''::text NOT NULL,
    query_translation text DEFAULT ''::text NOT NULL,
    warnings text DEFAULT ''::text NOT NULL
);


--
-- Name: claims; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.claims (
    claim_id character varying(200) NOT NULL,
    topic_id character varying(200) NOT NULL,
    group_name text DEFAULT ''::text NOT NULL,
    claim text NOT NULL,
    query text NOT NULL,
    query_version integer DEFAULT 1 NOT NULL,
    reference_query text DEFAULT ''::text NOT NULL,
    notes text DEFAULT ''::text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    active boolean DEFAULT true NOT NULL,
    updated_at character varying(32) NOT NULL
);


--
-- Name: fetch_lock; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.fetch_lock (
    name character varying(32) NOT NULL,
    run_id integer,
    host text NOT NULL,
    pid integer NOT NULL,
    acquired_at character varying(32) NOT NULL,
    heartbeat_at character varying(32) NOT NULL
);


--
-- Name: fetch_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.fetch_runs (
    run_id integer NOT NULL,
    started_at character varying(32) NOT NULL,
    finished_at character varying(32),
    status character varying(16) NOT NULL,
    mode character varying(16) DEFAULT 'incremental'::character varying NOT NULL,
    outline_path text DEFAULT ''::text NOT NULL,
    claims_total integer DEFAULT 0 NOT NULL,
    claims_failed integer DEFAULT 0 NOT NULL,
    requests integer DEFAULT 0 NOT NULL,
    retries integer DEFAULT 0 NOT NULL,
    errors integer DEFAULT 0 NOT NULL,
    new_records integer DEFAULT 0 NOT NULL,
    message text DEFAULT ''::text NOT NULL
);


--
-- Name: fetch_runs_run_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.fetch_runs_run_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: fetch_runs_run_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.fetch_runs_run_id_seq OWNED BY public.fetch_runs.run_id;


--
-- Name: schema_info; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_info (
    key character varying(64) NOT NULL,
    value text NOT NULL
);


--
-- Name: summary_first_seen; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.summary_first_seen (
    scope character varying(8) NOT NULL,
    scope_id character varying(200) NOT NULL,
    first_seen character varying(32) NOT NULL,
    records integer NOT NULL
);


--
-- Name: summary_pub_dates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.summary_pub_dates (
    scope character varying(8) NOT NULL,
    scope_id character varying(200) NOT NULL,
    pub_date character varying(10) NOT NULL,
    records integer NOT NULL
);


--
-- Name: summary_records; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.summary_records (
    scope character varying(8) NOT NULL,
    scope_id character varying(200) NOT NULL,
    records integer NOT NULL,
    high_level integer NOT NULL
);


--
-- Name: summary_refresh; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.summary_refresh (
    name character varying(32) NOT NULL,
    run_id integer NOT NULL,
    refreshed_at character varying(32) NOT NULL
);


--
-- Name: summary_topic_years; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.summary_topic_years (
    topic_id character varying(200) NOT NULL,
    basis character varying(16) NOT NULL,
    year integer NOT NULL,
    records integer NOT NULL
);


--
-- Name: topics; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.topics (
    topic_id character varying(200) NOT NULL,
    title text NOT NULL,
    outline_title text DEFAULT ''::text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL
);


--
-- Name: year_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.year_counts (
    series character varying(220) NOT NULL,
    year integer NOT NULL,
    count bigint NOT NULL,
    query text DEFAULT ''::text NOT NULL,
    counted_at character varying(32) NOT NULL
);


--
-- Name: fetch_runs run_id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fetch_runs ALTER COLUMN run_id SET DEFAULT nextval('public.fetch_runs_run_id_seq'::regclass);


--
-- Data for Name: articles; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.articles VALUES (401778, 'Influence of anesthetics, ethyl alcohol, and Freon on dark adaptation of monkey cone ERG.', 'Cone dark adaptation curves were measured in a rhesus monkey using the electroretinogram (ERG) response to a 40 Hz flickering stimulus. The influence of anesthetics on the time course of dark adaptation was studied. All volatile anesthetics tested (methoxyflurane, halothane, enflurane, ether, chloroform) retarded dark adaptation but to different degrees; urethane, ethyl alcohol, and Freon 11 also retarded dark adaptation. No effect was found for barbiturates and ketamine. It seems unlikely that metabolites play a role in the observed phenomena. A literature survey reveals that several studies on dark adaptation or visual pigment regeneration might have suffered from influences of the anesthetic used. The cause of the phenomenon might lie either in anesthetics-induced membrane changes or in hindrance of the isomeration of 11-trans retinal to 11-cis retinal.', false, 'MEDLINE', 'Investigative ophthalmology & visual science', 'Invest. Ophthalmol. Vis. Sci.', '16', '1', '80-3', 1977, 1, NULL, '1977-01-01', '', NULL, '1977-01-01', '2013-11-21', '["van Norren D", "Padmos P"]', 'van Norren D', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Anesthetics", "ui": "D000777", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Chlorofluorocarbons, Methane", "ui": "D005617", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Chloroform", "ui": "D002725", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Dark Adaptation", "ui": "D003623", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Electroretinography", "ui": "D004596", "major": true, "qualifiers": []}, {"descriptor": "Enflurane", "ui": "D004737", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Ethanol", "ui": "D000431", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Ether", "ui": "D004986", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Halothane", "ui": "D006221", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": []}, {"descriptor": "Macaca mulatta", "ui": "D008253", "major": false, "qualifiers": []}, {"descriptor": "Methoxyflurane", "ui": "D008733", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Photoreceptor Cells", "ui": "D010786", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Urethane", "ui": "D014520", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}]', '[]', NULL, NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (402144, 'Use of anaesthesia with ketamine HCl in assessing the emetic activity of staphylococcal enterotoxin B in the rhesus monkey (Macacca mulatta).', 'Anaesthesia of rhesus monkeys with ketamine HCl which facilitated feeding them with staphylococcal enterotoxin B solutions was shown not to affect the ED50 of this toxin. Adoption of this anaesthetic procedure was found to make feeding studies with enterotoxins easier and safer.', false, 'MEDLINE', 'British journal of experimental pathology', 'Br J Exp Pathol', '58', '1', '40-1', 1977, 2, NULL, '1977-02-01', '', NULL, '1977-02-01', '2018-11-13', '["Melling J"]', 'Melling J', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Anesthesia", "ui": "D000758", "major": true, "qualifiers": []}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Emetics", "ui": "D004639", "major": false, "qualifiers": []}, {"descriptor": "Enterotoxins", "ui": "D004768", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Macaca mulatta", "ui": "D008253", "major": false, "qualifiers": []}, {"descriptor": "Staphylococcus", "ui": "D013210", "major": false, "qualifiers": []}]', '[]', NULL, 'PMC2041189', false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (408817, 'Failure of daily injections of ketamine HCL to adversely alter menstrual cycle length, blood estrogen, and progesterone levels in the rhesus monkey.', '', false, 'MEDLINE', 'Proceedings of the Society for Experimental Biology and Medicine. Society for Experimental Biology and Medicine (New York, N.Y.)', 'Proc. Soc. Exp. Biol. Med.', '155', '4', '615-9', 1977, 9, NULL, '1977-09-01', '', NULL, '1977-09-01', '2019-06-16', '["Channing CP", "Fowler S", "Engel B", "Vitek K"]', 'Channing CP', '["eng"]', 'eng', '["Journal Article", "Research Support, U.S. Gov''t, P.H.S."]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Estrogens", "ui": "D004967", "major": false, "qualifiers": [{"name": "blood", "major": true}]}, {"descriptor": "Female", "ui": "D005260", "major": false, "qualifiers": []}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Luteal Phase", "ui": "D008183", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Macaca mulatta", "ui": "D008253", "major": false, "qualifiers": []}, {"descriptor": "Menstruation", "ui": "D008598", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Ovary", "ui": "D010053", "major": false, "qualifiers": [{"name": "blood supply", "major": false}]}, {"descriptor": "Ovulation", "ui": "D010060", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Progesterone", "ui": "D011374", "major": false, "qualifiers": [{"name": "blood", "major": true}]}, {"descriptor": "Veins", "ui": "D014680", "major": false, "qualifiers": []}]', '["Anesthesia--side effects", "Animals, Laboratory", "Biology", "Clinical Research", "Comparative Studies", "Endocrine System", "Estrogens--analysis", "Hormones", "Menstrual Cycle", "Menstruation", "Physiology", "Progestational Hormones", "Progesterone--analysis", "Reproduction", "Research Methodology", "Studies", "Treatment"]', '10.3181/00379727-155-39862', NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (408826, 'Chronic intravenous dosing and blood collection in the unanesthetized monkey.', 'A procedure is described which allows chronic dosing and blood collection from awake monkeys. The procedure involves only minor surgical anesthesia and allows the same vein of the animal to be used several different times with home-cage recuperation periods intervening between sequential chronic catheterizations.', false, 'MEDLINE', 'Pharmacology, biochemistry, and behavior', 'Pharmacol. Biochem. Behav.', '6', '5', '601-2', 1977, 5, NULL, '1977-05-01', '', NULL, '1977-05-01', '2019-07-12', '["Bedford JA", "Kibbe AH", "Wilson MC"]', 'Bedford JA', '["eng"]', 'eng', '["Journal Article", "Research Support, U.S. Gov''t, Non-P.H.S."]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Blood Specimen Collection", "ui": "D001800", "major": false, "qualifiers": [{"name": "methods", "major": false}, {"name": "veterinary", "major": true}]}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": [{"name": "physiology", "major": true}]}, {"descriptor": "Infusions, Parenteral", "ui": "D007263", "major": false, "qualifiers": [{"name": "methods", "major": false}, {"name": "veterinary", "major": true}]}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": []}, {"descriptor": "Macaca fascicularis", "ui": "D008252", "major": false, "qualifiers": [{"name": "physiology", "major": false}]}, {"descriptor": "Macaca mulatta", "ui": "D008253", "major": false, "qualifiers": [{"name": "physiology", "major": false}]}, {"descriptor": "Pharmaceutical Preparations", "ui": "D004364", "major": false, "qualifiers": [{"name": "administration & dosage", "major": true}]}]', '[]', '10.1016/0091-3057(77)90125-3', NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (409313, 'Ketamine-induced hyperthermia--postictal or malignant?', '', false, 'MEDLINE', 'Anesthesiology', 'Anesthesiology', '47', '4', '390-1', 1977, 10, NULL, '1977-10-01', '', NULL, '1977-10-01', '2019-06-28', '["Lees DE", "Macnamara T"]', 'Lees DE', '["eng"]', 'eng', '["Case Reports", "Journal Article"]', '[{"descriptor": "Anesthesia, Intravenous", "ui": "D000771", "major": false, "qualifiers": [{"name": "adverse effects", "major": true}]}, {"descriptor": "Child, Preschool", "ui": "D002675", "major": false, "qualifiers": []}, {"descriptor": "Diagnosis, Differential", "ui": "D003937", "major": false, "qualifiers": []}, {"descriptor": "Epilepsy, Tonic-Clonic", "ui": "D004830", "major": false, "qualifiers": [{"name": "chemically induced", "major": false}, {"name": "diagnosis", "major": false}]}, {"descriptor": "Fever", "ui": "D005334", "major": false, "qualifiers": [{"name": "chemically induced", "major": true}, {"name": "diagnosis", "major": false}]}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "adverse effects", "major": true}]}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Malignant Hyperthermia", "ui": "D008305", "major": false, "qualifiers": [{"name": "diagnosis", "major": false}]}]', '[]', '10.1097/00000542-197710000-00016', NULL, false, '[]', '[]', 'case report', true, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (409837, 'Ketamine self-administration by the rhesus monkey.', 'Intravenously administered ketamine served as a reinforcer of self-administration behavior in rhesus monkeys during daily 2-hour sessions. When the dose of ketamine was varied over a wide range at fixed-ratio schedules of reinforcement of 1, 8 and 64, the response rate was an inverted U-shaped function of the dose. Maximal response rates occurred at progressively higher doses as the fixed-ratio size was increased; drug intake per session was positively related to the dose. When the ketamine dose was held constant and the fixed-ratio was increased in a geometric series, the response rate increased as the fixed-ratio was increased to FR 128 or FR 256; additional increases in fixed-ratio size produced abrupt decreases in response rates. Since the response rate increased linearly as the fixed-ratio was increased geometrically, drug intake was a decreasing function of the response requirement. With respect to magnitude of reinforcement and fixed-ratio response requirement, the data show that ketamine maintains self-administration behavior in a manner similar to that of a number of other drugs and conventional reinforcers.', false, 'MEDLINE', 'The Journal of pharmacology and experimental therapeutics', 'J. Pharmacol. Exp. Ther.', '203', '2', '303-9', 1977, 11, NULL, '1977-11-01', '', NULL, '1977-11-01', '2013-11-21', '["Moreton JE", "Meisch RA", "Stark L", "Thompson T"]', 'Moreton JE', '["eng"]', 'eng', '["Journal Article", "Research Support, U.S. Gov''t, Non-P.H.S."]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Dose-Response Relationship, Drug", "ui": "D004305", "major": false, "qualifiers": []}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": []}, {"descriptor": "Injections, Intravenous", "ui": "D007275", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "administration & dosage", "major": true}, {"name": "pharmacology", "major": false}]}, {"descriptor": "Macaca mulatta", "ui": "D008253", "major": false, "qualifiers": []}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Reinforcement Schedule", "ui": "D012055", "major": false, "qualifiers": []}, {"descriptor": "Self Administration", "ui": "D012646", "major": false, "qualifiers": []}]', '[]', NULL, NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (410466, 'Gas chromatography mass spectrometry assay for ketamine and its metabolites in plasma.', 'A highly sensitive and specific method for quantitation of ketamine and two of its metabolites found in monkey, dog and human plasma was developed using a gas chromatography selected ion monitoring assay operated in both electron impact and chemical ionization modes. This technique yields excellent precision, reproducibility and accuracy. From 1 ng to 3 microgram of ketamine or its metabolites in 1 ml of plasma can be detected. The technique of electron capture gas chromatography is compared. All three assays were found to be quite useful but the gas chromatography mass spectrometry techniques were more specific.', false, 'MEDLINE', 'Biomedical mass spectrometry', 'Biomed. Mass Spectrom.', '4', '5', '317-21', 1977, 10, NULL, '1977-10-01', '', NULL, '1977-10-01', '2019-10-28', '["Lau SS", "Domino EF"]', 'Lau SS', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Dogs", "ui": "D004285", "major": false, "qualifiers": []}, {"descriptor": "Gas Chromatography-Mass Spectrometry", "ui": "D008401", "major": false, "qualifiers": [{"name": "methods", "major": false}]}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": []}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "analogs & derivatives", "major": false}, {"name": "blood", "major": true}]}, {"descriptor": "Species Specificity", "ui": "D013045", "major": false, "qualifiers": []}]', '[]', '10.1002/bms.1200040508', NULL, false, '[]', '[]', 'other', true, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (412136, '[Possibilities of controlling the cardiovascular side effects of ketamine. Experimental and clinical study].', '', false, 'MEDLINE', 'Minerva anestesiologica', 'Minerva Anestesiol', '43', '8', '477-86', 1977, 8, NULL, '1977-08-01', '', NULL, '1977-08-01', '2013-11-21', '["Dauri A", "Colace F", "Bellanca T", "Bertolini G"]', 'Dauri A', '["ita"]', 'ita', '["English Abstract", "Journal Article"]', '[{"descriptor": "Adult", "ui": "D000328", "major": false, "qualifiers": []}, {"descriptor": "Anesthesia, Intravenous", "ui": "D000771", "major": false, "qualifiers": [{"name": "adverse effects", "major": true}]}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Blood Pressure", "ui": "D001794", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Central Venous Pressure", "ui": "D002496", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Female", "ui": "D005260", "major": false, "qualifiers": []}, {"descriptor": "Heart Rate", "ui": "D006339", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Hemodynamics", "ui": "D006439", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Hypertension", "ui": "D006973", "major": false, "qualifiers": [{"name": "chemically induced", "major": false}, {"name": "prevention & control", "major": false}]}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "adverse effects", "major": true}]}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Middle Aged", "ui": "D008875", "major": false, "qualifiers": []}, {"descriptor": "Myocardial Contraction", "ui": "D009200", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Nitroglycerin", "ui": "D005996", "major": false, "qualifiers": [{"name": "therapeutic use", "major": true}]}, {"descriptor": "Preanesthetic Medication", "ui": "D011229", "major": false, "qualifiers": [{"name": "methods", "major": true}]}, {"descriptor": "Pulmonary Circulation", "ui": "D011652", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Rabbits", "ui": "D011817", "major": false, "qualifiers": []}]', '[]', NULL, NULL, false, '[]', '[]', 'other', true, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (413552, 'Characterization of ketamine induction of hepatic microsomal drug metabolism.', '', false, 'MEDLINE', 'Biochemical pharmacology', 'Biochem. Pharmacol.', '26', '24', '2451-3', 1977, 12, 15, '1977-12-15', '', NULL, '1977-12-15', '2019-06-23', '["Marietta MP", "Vore ME", "Way WL", "Trevor AJ"]', 'Marietta MP', '["eng"]', 'eng', '["Journal Article", "Research Support, U.S. Gov''t, P.H.S."]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Benzopyrenes", "ui": "D001580", "major": false, "qualifiers": [{"name": "metabolism", "major": false}]}, {"descriptor": "Benzphetamine", "ui": "D001589", "major": false, "qualifiers": [{"name": "metabolism", "major": false}]}, {"descriptor": "Cytochrome P-450 Enzyme System", "ui": "D003577", "major": false, "qualifiers": [{"name": "metabolism", "major": false}]}, {"descriptor": "In Vitro Techniques", "ui": "D066298", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Kinetics", "ui": "D007700", "major": false, "qualifiers": []}, {"descriptor": "Microsomes, Liver", "ui": "D008862", "major": false, "qualifiers": [{"name": "drug effects", "major": false}, {"name": "metabolism", "major": true}]}, {"descriptor": "NADPH-Ferrihemoprotein Reductase", "ui": "D009251", "major": false, "qualifiers": [{"name": "metabolism", "major": false}]}, {"descriptor": "Pharmaceutical Preparations", "ui": "D004364", "major": false, "qualifiers": [{"name": "metabolism", "major": true}]}, {"descriptor": "Phenobarbital", "ui": "D010634", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Rats", "ui": "D051381", "major": false, "qualifiers": []}, {"descriptor": "Stimulation, Chemical", "ui": "D013268", "major": false, "qualifiers": []}]', '[]', '10.1016/0006-2952(77)90458-0', NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (424435, 'Some structure activity relationships of phencyclidine derivatives as anticholinergic agents in vitro and in vivo.', 'Phencylidine derivatives exhibit multiple interactions with cholinergic systems: they block nicotinic and muscarinic receptors,and inhibit both acetyl and butyrylcholinesterase. In peripheral tissue, the net pharmacological effects of the phencyclidines is antiacetylcholine activity. The dissociation constants measured in isolated smooth muscle and from competition experiments for the muscarinic high-affinity binding sites in brain homogenates (Kd = 10(-5) - 10(-6) M) are 3--4 orders of magnitude lower than those of anticholinergic glycolate esters. However, phencyclidines have comparable potency to that of d-tubocurarine in blocking the nicotinic receptor in the isolated frog rectus abdominis (Kd = 10(-6) M). Brain uptake experiments of (3H) labeled phencyclidine showed that during the time period in which central effects are observed with these drugs their concentration in brain reaches values close to the Kd (10(-5) - 10(-6) M). This finding, and the cross tolerance observed in vivo between phencyclidine and other centrally acting cholinergic drugs supports the possible involvement of cholinergic interactions in the psychotropic action of phenyclidine derivatives. Quantum chemical calculations of the interaction pharmacophores of drugs in the phencyclidine series have indicated the molecular determinants for the interaction of these drugs with the muscarinic receptor. The calculations revealed that these drugs can match the reactivity characteristics of ACh and the semi-rigid muscarinic agonist 3-acetoxyquinuclidine, but their rigid molecular frame will be conductive to antagonistic rather than agonistic activity when the drug-receptor complex is formed. The identification of a "cholinergic interaction pharmacophore" for these drugs by quantum mechanical calculations made possible the suggestion of other active phencyclidine derivatives, e.g. p-NH2 and p-OH analogs which proved to be equipotent to phencyclidine. The inactivity of the p-NO2 derivative was also predicted on this basis and served as an additional confirmation of the theoretical criterion for activity; the difference between the activities of the ethynyl and cyano derivatives was explained by the modification of the cholinergic interaction pharmacophore. On the basis of these theoretical predictions, electrophysiological studies were carried out by the others and the results prompted the suggestion that "physostigmine is of potential value in the treatment of post-operative patients emerging from ketamine anesthesia and in the treatment of phencyclidine overdosed patients".', false, 'MEDLINE', 'Progress in clinical and biological research', 'Prog. Clin. Biol. Res.', '27', '', '91-106', 1979, NULL, NULL, '1979-01-01', '', NULL, '1979-01-01', '2014-11-20', '["Maayani S", "Weinstein H"]', 'Maayani S', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Anura", "ui": "D001001", "major": false, "qualifiers": []}, {"descriptor": "Cholinesterase Inhibitors", "ui": "D002800", "major": false, "qualifiers": []}, {"descriptor": "Drug Tolerance", "ui": "D004361", "major": false, "qualifiers": []}, {"descriptor": "Guinea Pigs", "ui": "D006168", "major": false, "qualifiers": []}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "In Vitro Techniques", "ui": "D066298", "major": false, "qualifiers": []}, {"descriptor": "Mice", "ui": "D051379", "major": false, "qualifiers": []}, {"descriptor": "Muscle Contraction", "ui": "D009119", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Muscle, Smooth", "ui": "D009130", "major": false, "qualifiers": [{"name": "drug effects", "major": false}, {"name": "physiology", "major": false}]}, {"descriptor": "Parasympatholytics", "ui": "D010276", "major": true, "qualifiers": []}, {"descriptor": "Phencyclidine", "ui": "D010622", "major": false, "qualifiers": [{"name": "analogs & derivatives", "major": true}, {"name": "pharmacology", "major": false}]}, {"descriptor": "Receptors, Nicotinic", "ui": "D011978", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Structure-Activity Relationship", "ui": "D013329", "major": false, "qualifiers": []}]', '[]', NULL, NULL, false, '[]', '[]', 'other', true, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (414255, 'The effect of delta 9-tetrahydrocannabinol, cannabidiol, and cannabinol on the anaesthesia induced by various anaesthetic agents in mice.', 'delta 9-Tetrahydrocannabinol (2.5-80.0 mg/kg) significantly prolonged the anaesthesia induced by ketamine, pentobarbitone, thiopentone, propanidid, and Alfathesin in a dose-dependent manner. Cannabinol and cannabidiol (both 5.0-80.0 mg/kg) were essentially inactive, except that cannabidiol prolonged pentobarbitone-induced anaesthesia. The interaction of delta 9-tetrahydrocannabinol with the anaesthetic agents was postulated to be due to a centrally mediated action, whereas the effect of cannabidiol on pentobarbitone-induced anaesthesia probably depended on a metabolic interaction. The interaction between the cannabinoids in influencing anaesthesia induced by the above agents was examined, and the interactions were found to be complex.', false, 'MEDLINE', 'Psychopharmacology', 'Psychopharmacology (Berl.)', '55', '1', '103-7', 1977, 11, 24, '1977-11-24', '', NULL, '1977-11-24', '2019-07-26', '["Frizza J", "Chesher GB", "Jackson DM", "Malor R", "Starmer GA"]', 'Frizza J', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Alfaxalone Alfadolone Mixture", "ui": "D000530", "major": false, "qualifiers": [{"name": "antagonists & inhibitors", "major": false}]}, {"descriptor": "Anesthetics", "ui": "D000777", "major": false, "qualifiers": [{"name": "antagonists & inhibitors", "major": true}]}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Cannabinoids", "ui": "D002186", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Dose-Response Relationship, Drug", "ui": "D004305", "major": false, "qualifiers": []}, {"descriptor": "Dronabinol", "ui": "D013759", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Drug Interactions", "ui": "D004347", "major": false, "qualifiers": []}, {"descriptor": "Female", "ui": "D005260", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "antagonists & inhibitors", "major": false}]}, {"descriptor": "Mice", "ui": "D051379", "major": false, "qualifiers": []}, {"descriptor": "Pentobarbital", "ui": "D010424", "major": false, "qualifiers": [{"name": "antagonists & inhibitors", "major": false}]}, {"descriptor": "Propanidid", "ui": "D011410", "major": false, "qualifiers": [{"name": "antagonists & inhibitors", "major": false}]}, {"descriptor": "Thiopental", "ui": "D013874", "major": false, "qualifiers": [{"name": "antagonists & inhibitors", "major": false}]}]', '[]', '10.1007/bf00432824', NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (414274, 'Acetylcholine antirelease effect of morphine and its modification by calcium.', 'The effects of morphine (10 mg/kg) and calcium (10 mg/kg) were studied on the neocortical release of acetylcholine (ACh) in ketamine-anesthetized rats. Morphine decreased ACh release as measured by the dorsal leech muscle as well as by an enzymatic assay. Calcium was ineffective alone but antagonized the action of morphine. This study supports the hypothesis that the ACh antirelease action of narcotics is mediated through an interaction with calcium.', false, 'MEDLINE', 'Psychopharmacology', 'Psychopharmacology (Berl.)', '55', '2', '151-6', 1977, 12, 19, '1977-12-19', '', NULL, '1977-12-19', '2019-07-26', '["Sanfa\u00e7on G", "Labrecque G"]', 'Sanfaçon G', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Acetylcholine", "ui": "D000109", "major": false, "qualifiers": [{"name": "metabolism", "major": true}]}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Calcium", "ui": "D002118", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Cerebral Cortex", "ui": "D002540", "major": false, "qualifiers": [{"name": "drug effects", "major": false}, {"name": "metabolism", "major": false}]}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": []}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Morphine", "ui": "D009020", "major": false, "qualifiers": [{"name": "antagonists & inhibitors", "major": false}, {"name": "pharmacology", "major": true}]}, {"descriptor": "Rats", "ui": "D051381", "major": false, "qualifiers": []}]', '[]', '10.1007/bf01457851', NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (414385, 'Effect of topically applied serotonin on local cerebral blood flow.', 'It has been hypothesized that acute lesions of the brain enlarge through an autodestructive process. Serotonin (5HT), a potent cerebral vasoconstrictor, is believed by some to mediate the process by reducing cerebral blood flow (CBF) in tissue surrounding the lesion. The hypothesis was tested in cynomologus monkeys anesthetized with ketamine and nitrous oxide. Craniectomies, 7 mm in diameter, were performed in each parietal area. The dura was opened and polarographical electrodes of thin platinum wire were inserted into the parietal lobe cortex of each hemisphere. Mock cerebrospinal fluid (CSF) was irrigated continously onto the brain surrounding the electrodes, from which local CBF was determined repeatedly by the hydrogen-clearance technique. After baseline CBF was established, solutions of 5HT in mock CSF (in concentrations of 5 X 10(-7) M, 5 X 10(-5) M, and 5 X 10(-3) M) were irrigated onto one hemisphere while the opposite hemisphere served as control. 5HT failed to change CBF. Although 5HT is a potent vasoconstrictor, under physiologic conditions it apparently is unable to effect hemodynamically significant constriction of the peripheral cerebral vasculature of the anesthetized monkey brain.', false, 'MEDLINE', 'Stroke', 'Stroke', '9', '1', '25-8', 1978, 1, NULL, '1978-01-01', '1978 Jan-Feb', NULL, '1978-01-01', '2019-07-27', '["Martins AN", "Doyle TF", "Wright S"]', 'Martins AN', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Administration, Topical", "ui": "D000287", "major": false, "qualifiers": []}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Carbon Dioxide", "ui": "D002245", "major": false, "qualifiers": [{"name": "blood", "major": false}]}, {"descriptor": "Cerebrovascular Circulation", "ui": "D002560", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Female", "ui": "D005260", "major": false, "qualifiers": []}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": []}, {"descriptor": "Macaca fascicularis", "ui": "D008252", "major": false, "qualifiers": []}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Microcirculation", "ui": "D008833", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Pia Mater", "ui": "D010841", "major": false, "qualifiers": [{"name": "blood supply", "major": false}]}, {"descriptor": "Serotonin", "ui": "D012701", "major": false, "qualifiers": [{"name": "administration & dosage", "major": true}]}, {"descriptor": "Vasoconstriction", "ui": "D014661", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}]', '[]', '10.1161/01.str.9.1.25', NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (416291, 'Repeated sedation of the howler monkey (Alouatta caraya) with ketamine hydrochloride.', '', false, 'MEDLINE', 'Laboratory animal science', 'Lab. Anim. Sci.', '28', '1', '101', 1978, 2, NULL, '1978-02-01', '', NULL, '1978-02-01', '2013-11-21', '["Colillas OJ"]', 'Colillas OJ', '["eng"]', 'eng', '["Comparative Study", "Journal Article"]', '[{"descriptor": "Alouatta", "ui": "D000508", "major": true, "qualifiers": []}, {"descriptor": "Anesthesia", "ui": "D000758", "major": false, "qualifiers": [{"name": "veterinary", "major": true}]}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Haplorhini", "ui": "D000882", "major": true, "qualifiers": []}, {"descriptor": "Injections, Intramuscular", "ui": "D007273", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": true, "qualifiers": [{"name": "administration & dosage", "major": false}]}]', '[]', NULL, NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (424626, '[Ketamine in general anesthesia for operations in children performed for dermatological conditions].', '', false, 'MEDLINE', 'Przeglad dermatologiczny', 'Przegl Dermatol', '66', '1', '95-8', 1979, 1, NULL, '1979-01-01', '1979 Jan-Feb', NULL, '1979-01-01', '2013-11-21', '["Bogdanowski T", "Blinstrub B"]', 'Bogdanowski T', '["pol"]', 'pol', '["English Abstract", "Journal Article"]', '[{"descriptor": "Adolescent", "ui": "D000293", "major": false, "qualifiers": []}, {"descriptor": "Age Factors", "ui": "D000367", "major": false, "qualifiers": []}, {"descriptor": "Anesthesia, General", "ui": "D000768", "major": true, "qualifiers": []}, {"descriptor": "Child", "ui": "D002648", "major": false, "qualifiers": []}, {"descriptor": "Child, Preschool", "ui": "D002675", "major": false, "qualifiers": []}, {"descriptor": "Female", "ui": "D005260", "major": false, "qualifiers": []}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Infant", "ui": "D007223", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "administration & dosage", "major": true}]}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Skin Diseases", "ui": "D012871", "major": false, "qualifiers": [{"name": "surgery", "major": true}]}]', '[]', NULL, NULL, false, '[]', '[]', 'other', true, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (416295, 'Acepromazine-ketamine anesthesia in the rhesus monkey (Macaca mulatta).', 'Six adult male rhesus monkeys (Macaca mulatta) were anesthetized using a combination of acepromazine maleate and ketamine hydrochloride administered by intramuscular injection. This combination produced a smooth induction to anesthesia requiring less than 5 minutes. The average duration of anesthesia was slightly less than 1 hour and was safely prolonged with additional doses of ketamine. The depth of anesthesia was sufficient for minor surgical procedures and for precise radiological studies. No deleterious side effects were noted, and animals recovered completely in a short time.', false, 'MEDLINE', 'Laboratory animal science', 'Lab. Anim. Sci.', '28', '1', '72-4', 1978, 2, NULL, '1978-02-01', '', NULL, '1978-02-01', '2013-11-21', '["Connolly R", "Quimby FW"]', 'Connolly R', '["eng"]', 'eng', '["Journal Article", "Research Support, U.S. Gov''t, P.H.S."]', '[{"descriptor": "Acepromazine", "ui": "D000075", "major": true, "qualifiers": []}, {"descriptor": "Anesthesia", "ui": "D000758", "major": false, "qualifiers": [{"name": "veterinary", "major": true}]}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Haplorhini", "ui": "D000882", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": true, "qualifiers": []}, {"descriptor": "Macaca", "ui": "D008251", "major": true, "qualifiers": []}, {"descriptor": "Macaca mulatta", "ui": "D008253", "major": true, "qualifiers": []}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Movement", "ui": "D009068", "major": false, "qualifiers": []}, {"descriptor": "Sleep", "ui": "D012890", "major": false, "qualifiers": []}, {"descriptor": "Time Factors", "ui": "D013997", "major": false, "qualifiers": []}]', '[]', NULL, NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (418634, 'The chemical restraint of apes and monkeys by means of phencyclidine or ketamine.', 'The anesthetic effects of two drugs, namely, Phencyclidine and Ketamine, used alone or in combination with atropine, were compared during clinical and experimental procedures on different primate species ranging from gorillas, orangutans, white-faced and dwarf chimpanzees, baboons, cercopithecus monkeys to new--world monkeys. It is concluded that both these anesthetics are very good and safe drugs for restraint and anesthesia. Ketamine appeared to be superior to Phencyclidine for use among apes and monkeys in so far as it is shorter acting, has wider safety margin and shorter recovery time, provides better muscle relaxation and is practically without side effects. But Phencyclidine has definite advantage in so far as it is needed is smaller quantity to produce comparable effect of anesthesia.', false, 'MEDLINE', 'Acta zoologica et pathologica Antverpiensia', 'Acta Zool Pathol Antverp', '', '70', '211-20', 1978, 2, NULL, '1978-02-01', '', NULL, '1978-02-01', '2013-11-21', '["Vercruysse J", "Mortelmans J"]', 'Vercruysse J', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Cercopithecus", "ui": "D002521", "major": false, "qualifiers": []}, {"descriptor": "Haplorhini", "ui": "D000882", "major": true, "qualifiers": []}, {"descriptor": "Hominidae", "ui": "D015186", "major": true, "qualifiers": []}, {"descriptor": "Immobilization", "ui": "D007103", "major": true, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": true, "qualifiers": [{"name": "administration & dosage", "major": false}]}, {"descriptor": "Macaca", "ui": "D008251", "major": false, "qualifiers": []}, {"descriptor": "Papio", "ui": "D010215", "major": false, "qualifiers": []}, {"descriptor": "Phencyclidine", "ui": "D010622", "major": true, "qualifiers": [{"name": "administration & dosage", "major": false}]}]', '[]', NULL, NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (419061, '[Problems of nerve block during prolonged surgery on the upper extremities (author''s transl)].', 'Regional anaesthesia secured by injecting the supraclavicular plexus was used for 34 reconstructive surgical operations on the fingers and hands. The operations lasted for 5 1/2-19 hours. The advantages and disadvantages of the technique are reviewed. In 5 cases other anaesthetic techniques had to be substituted because the patients, despite sedation, could not tolerate the forced position any longer. Motivation, intensive psychic support during the operation, optimum positioning and the use of suitable sedatives are pre-conditions for the success of nerve block for prolonged surgery.', false, 'MEDLINE', 'Praktische Anasthesie, Wiederbelebung und Intensivtherapie', 'Prakt Anaesth', '14', '1', '47-51', 1979, 2, NULL, '1979-02-01', '', NULL, '1979-02-01', '2013-11-21', '["Hartung HJ", "Klose R", "Nebel B", "Schwarz P"]', 'Hartung HJ', '["ger"]', 'ger', '["English Abstract", "Journal Article"]', '[{"descriptor": "Anesthesia, General", "ui": "D000768", "major": false, "qualifiers": []}, {"descriptor": "Arm", "ui": "D001132", "major": false, "qualifiers": [{"name": "surgery", "major": true}]}, {"descriptor": "Diazepam", "ui": "D003975", "major": false, "qualifiers": [{"name": "therapeutic use", "major": false}]}, {"descriptor": "Fingers", "ui": "D005385", "major": false, "qualifiers": [{"name": "surgery", "major": false}]}, {"descriptor": "Hand", "ui": "D006225", "major": false, "qualifiers": [{"name": "surgery", "major": false}]}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": []}, {"descriptor": "Nerve Block", "ui": "D009407", "major": true, "qualifiers": []}, {"descriptor": "Posture", "ui": "D011187", "major": false, "qualifiers": []}, {"descriptor": "Replantation", "ui": "D012092", "major": false, "qualifiers": []}, {"descriptor": "Time", "ui": "D013995", "major": false, "qualifiers": []}]', '[]', NULL, NULL, false, '[]', '[]', 'other', true, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (419567, 'Ketamine anaesthesia.', '', false, 'MEDLINE', 'Tropical doctor', 'Trop Doct', '9', '1', '45', 1979, 1, NULL, '1979-01-01', '', NULL, '1979-01-01', '2017-02-14', '["Kamm GD", "Bewes PC"]', 'Kamm GD', '["eng"]', 'eng', '["Letter"]', '[{"descriptor": "Anesthesiology", "ui": "D000776", "major": false, "qualifiers": [{"name": "instrumentation", "major": true}]}, {"descriptor": "Child", "ui": "D002648", "major": false, "qualifiers": []}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Intubation, Intratracheal", "ui": "D007442", "major": false, "qualifiers": [{"name": "instrumentation", "major": true}]}, {"descriptor": "Ketamine", "ui": "D007649", "major": true, "qualifiers": []}]', '[]', '10.1177/004947557900900127', NULL, false, '[]', '[]', 'other', true, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (423351, '[The effects of thiamylal, ketamine and pentazocine on the orbicularis oculi reflex in man (author''s transl)].', '', false, 'MEDLINE', 'Masui. The Japanese journal of anesthesiology', 'Masui', '28', '2', '139-45', 1979, 2, NULL, '1979-02-01', '', NULL, '1979-02-01', '2013-11-21', '["Kano T", "Shimizu H", "Goya T", "Tsuji S", "Sato T"]', 'Kano T', '["jpn"]', 'jpn', '["English Abstract", "Journal Article"]', '[{"descriptor": "Electromyography", "ui": "D004576", "major": false, "qualifiers": []}, {"descriptor": "Female", "ui": "D005260", "major": false, "qualifiers": []}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Male", "ui": "D008297", "major": false, "qualifiers": []}, {"descriptor": "Oculomotor Muscles", "ui": "D009801", "major": false, "qualifiers": [{"name": "physiology", "major": true}]}, {"descriptor": "Pentazocine", "ui": "D010423", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Reflex", "ui": "D012018", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Thiamylal", "ui": "D013840", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}]', '[]', NULL, NULL, false, '[]', '[]', 'other', true, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (424900, '[Intravenous anesthetics as an introduction of general anesthesia in patients with complicating disease of the respiratory and circulatory systems].', '', false, 'MEDLINE', 'Rozhledy v chirurgii : mesicnik Ceskoslovenske chirurgicke spolecnosti', 'Rozhl Chir', '58', '1', '9-19', 1979, 1, NULL, '1979-01-01', '', NULL, '1979-01-01', '2017-11-17', '["Navr\u00e1tilov\u00e1 A", "Varmuzkov\u00e1 J", "Cundrle I"]', 'Navrátilová A', '["cze"]', 'cze', '["Journal Article"]', '[{"descriptor": "Alfaxalone Alfadolone Mixture", "ui": "D000530", "major": false, "qualifiers": []}, {"descriptor": "Anesthesia, Intravenous", "ui": "D000771", "major": false, "qualifiers": [{"name": "methods", "major": true}]}, {"descriptor": "Cardiovascular Diseases", "ui": "D002318", "major": false, "qualifiers": [{"name": "complications", "major": true}]}, {"descriptor": "Diazepam", "ui": "D003975", "major": false, "qualifiers": []}, {"descriptor": "Flunitrazepam", "ui": "D005445", "major": false, "qualifiers": []}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": []}, {"descriptor": "Methohexital", "ui": "D008723", "major": false, "qualifiers": []}, {"descriptor": "Propanidid", "ui": "D011410", "major": false, "qualifiers": []}, {"descriptor": "Respiratory Tract Diseases", "ui": "D012140", "major": false, "qualifiers": [{"name": "complications", "major": true}]}, {"descriptor": "Thiopental", "ui": "D013874", "major": false, "qualifiers": []}]', '[]', NULL, NULL, false, '[]', '[]', 'other', true, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (426704, 'Neuroleptanesthesia for the guinea pig. An ideal anesthetic procedure for long-term physiological studies of the cochlea.', 'The guinea pig is notoriously difficult to anesthetize with conventional agents. Cardiorespiratory depression by general depressant anesthetic agents can render the cochlea abnormal. I report a technique that uses the specific neuroleptic and analgesia properties of the agents droperidol and phenoperidine, respectively, in combination with small doses of pentobarbital sodium, which is required only to produce unconsciousness. These agents can be given intraperitoneally, intramuscularly, or intravenously. The regimen allows performance of substantial surgery (including intracranial) and long-term (minimum, six to ten hours) physiological studies, such as those on the cochlea, with excellent cardiorespiratory stability. The method has been in continuous use in this laboratory since 1974 for single-fiber recordings from the cochlear nerve of normal and kanamycin-treated guinea pigs. This method has proved to be substantially more effective than use of pentobarbital, thiopental sodium, urethan, chloralose, or ketamine alone.', false, 'MEDLINE', 'Archives of otolaryngology (Chicago, Ill. : 1960)', 'Arch Otolaryngol', '105', '4', '185-6', 1979, 4, NULL, '1979-04-01', '', NULL, '1979-04-01', '2019-08-15', '["Evans EF"]', 'Evans EF', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Atropine", "ui": "D001285", "major": false, "qualifiers": [{"name": "administration & dosage", "major": false}]}, {"descriptor": "Cochlea", "ui": "D003051", "major": false, "qualifiers": [{"name": "physiology", "major": true}]}, {"descriptor": "Cochlear Nerve", "ui": "D003056", "major": false, "qualifiers": [{"name": "physiology", "major": true}]}, {"descriptor": "Droperidol", "ui": "D004329", "major": false, "qualifiers": [{"name": "administration & dosage", "major": false}]}, {"descriptor": "Guinea Pigs", "ui": "D006168", "major": false, "qualifiers": []}, {"descriptor": "Neuroleptanalgesia", "ui": "D009458", "major": true, "qualifiers": []}, {"descriptor": "Pentobarbital", "ui": "D010424", "major": false, "qualifiers": [{"name": "administration & dosage", "major": false}]}, {"descriptor": "Phenoperidine", "ui": "D010638", "major": false, "qualifiers": [{"name": "administration & dosage", "major": false}]}, {"descriptor": "Preanesthetic Medication", "ui": "D011229", "major": false, "qualifiers": []}, {"descriptor": "Respiration", "ui": "D012119", "major": false, "qualifiers": []}]', '[]', '10.1001/archotol.1979.00790160019004', NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (426987, 'The relative potencies of thiopentone, ketamine, propanidid, alphaxalone and diazepam. A statistical study in man.', 'The potency of five i.v. anaesthetics (thiopentone, ketamine, alphaxalone (Althesin), propanidid and diazepam) was studied by determining the dose required to produce unconsciousness in 50% (UD50) and 95% (UD95) of patients. UD50 and UD95 were determined using the probit method. The effect of age on the anaesthetic requirement has been studied also. Relative to thiopentone, the potency was alphaxalone 9.22, diazepam 5.24, ketamine 4.37 and propanidid 1.006.', false, 'MEDLINE', 'British journal of anaesthesia', 'Br J Anaesth', '51', '2', '119-22', 1979, 2, NULL, '1979-02-01', '', NULL, '1979-02-01', '2019-05-15', '["Stella L", "Torri G", "Castiglioni CL"]', 'Stella L', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Adult", "ui": "D000328", "major": false, "qualifiers": []}, {"descriptor": "Alfaxalone Alfadolone Mixture", "ui": "D000530", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Anesthesia, Intravenous", "ui": "D000771", "major": true, "qualifiers": []}, {"descriptor": "Diazepam", "ui": "D003975", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Humans", "ui": "D006801", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Middle Aged", "ui": "D008875", "major": false, "qualifiers": []}, {"descriptor": "Pregnanediones", "ui": "D011277", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Propanidid", "ui": "D011410", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Statistics as Topic", "ui": "D013223", "major": false, "qualifiers": []}, {"descriptor": "Thiopental", "ui": "D013874", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}]', '[]', '10.1093/bja/51.2.119', NULL, false, '[]', '[]', 'other', true, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (427326, 'Pharmacological properties of acetylcholine-induced excitation of subthalamic nucleus neurones.', '1. In 15 rats anaesthetized with ketamine, microiontophoretically applied acetylcholine (ACh) excited all 58 cells studied in the subthalamic nucleus (STN). 2. The ACh-evoked excitation was slow in onset and outlasted the ACh application. There was no sign of desensitization when the ACh application was prolonged or repeated. The excitation was prolonged by a concomitant application of physostigmine. 3. Acetyl-beta-methyl choline and oxotremorine were effective cholinomimetics. Nicotine had no effect. 4. The ACh excitation was antagonized by stropine and scopolamine but not by mecamylamine. 5. It was condluded that STN ACh receptors are muscarinic in character. 6. Since large microiontophoretic applications of Mg2+ did not suppress ACh-evoked excitation, it is suggested that ACh acts postsynaptically. 7. The excitatory response of STN cells to striatal or pallidal stimulation was unaffected by atropine administered either microiontophoretically to single cells or intravenously (3 mg/kg) to the whole animal.', false, 'MEDLINE', 'British journal of pharmacology', 'Br. J. Pharmacol.', '65', '3', '511-5', 1979, 3, NULL, '1979-03-01', '', NULL, '1979-03-01', '2019-05-09', '["Feger J", "Hammond C", "Rouzaire-Dubois B"]', 'Feger J', '["eng"]', 'eng', '["Journal Article"]', '[{"descriptor": "Acetylcholine", "ui": "D000109", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Atropine", "ui": "D001285", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Brain", "ui": "D001921", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Corpus Striatum", "ui": "D003342", "major": false, "qualifiers": [{"name": "physiology", "major": false}]}, {"descriptor": "Electric Stimulation", "ui": "D004558", "major": false, "qualifiers": []}, {"descriptor": "In Vitro Techniques", "ui": "D066298", "major": false, "qualifiers": []}, {"descriptor": "Iontophoresis", "ui": "D007478", "major": false, "qualifiers": []}, {"descriptor": "Magnesium", "ui": "D008274", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Mecamylamine", "ui": "D008464", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Neurons", "ui": "D009474", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Physostigmine", "ui": "D010830", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Rats", "ui": "D051381", "major": false, "qualifiers": []}, {"descriptor": "Scopolamine", "ui": "D012601", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}]}, {"descriptor": "Thalamus", "ui": "D013788", "major": false, "qualifiers": []}]', '[]', '10.1111/j.1476-5381.1979.tb07859.x', 'PMC1668650', false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (428799, '[Changes in rat myometrium reactivity in the presence of oxytocin and under the effect of ketamine].', '', false, 'MEDLINE', 'Ginekologia polska', 'Ginekol. Pol.', '50', '1', '31-5', 1979, 1, NULL, '1979-01-01', '', NULL, '1979-01-01', '2017-03-03', '["Ma\u0142ofiejew M", "Ta\u0142a\u0142aj M"]', 'Małofiejew M', '["pol"]', 'pol', '["English Abstract", "Journal Article"]', '[{"descriptor": "Animals", "ui": "D000818", "major": false, "qualifiers": []}, {"descriptor": "Drug Interactions", "ui": "D004347", "major": false, "qualifiers": []}, {"descriptor": "Female", "ui": "D005260", "major": false, "qualifiers": []}, {"descriptor": "Ketamine", "ui": "D007649", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Myometrium", "ui": "D009215", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}, {"descriptor": "Oxytocin", "ui": "D010121", "major": false, "qualifiers": [{"name": "pharmacology", "major": true}]}, {"descriptor": "Rats", "ui": "D051381", "major": false, "qualifiers": []}, {"descriptor": "Uterine Contraction", "ui": "D014590", "major": false, "qualifiers": [{"name": "drug effects", "major": false}]}, {"descriptor": "Uterus", "ui": "D014599", "major": false, "qualifiers": [{"name": "drug effects", "major": true}]}]', '[]', NULL, NULL, false, '[]', '[]', 'other', false, true, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (32488858, 'A macroscopic comparison study on main branches of arteria brachialis and arteria subscapularis in Southern Karaman and Hasak sheep breeds.', 'BACKGROUND: The Southern Karaman sheep, which is very fertile in terms of meat and milk production and is often preferred in livestock raising, is known as a domestic sheep breed. The Hasak sheep is a breed formed by the triple crossbreeding of the German Black-headed, Hampshire and Akkaraman breeds. Arterial feeding of the forelimb is provided by arteria axillaris, a continuation of arteria subclavia. In this study, it was aimed to examine the forelimb arteries in Southern Karaman and Hasak sheep breeds.

MATERIALS AND METHODS: Totally, 8 Southern Karaman and 8 Hasak sheep were obtained from Konya Bahri Dagdas International Agricultural Institute. The sheep were anesthetised with xylazine and ketamine and extravasated by cutting the arteria carotis communis in the neck area of the sheep. The forelimbs of the sheep separated from the body were fixed in 10% formaldehyde solution and then dissections were made and the course and branching of the arteries were examined.

RESULTS: It was determined that the arteria brachialis was divided into two main branches as distal arteria brachialis and proximal arteria subscapularis at the articulatio humeri level of the arteria axillary. Arteria mediana, which is a continuation of arteria brachialis, was also examined in different parts of antebrachium and ended by splitting into branches.

CONCLUSIONS: According to the findings of the Southern Karaman and Hasak sheep breeds, it was determined that the forelimb arteries had some anatomical differences but were similar in structure to many sheep breeds.', false, 'In-Process', 'Folia morphologica', 'Folia Morphol (Warsz)', '80', '2', '297-301', 2021, NULL, NULL, '2021-01-01', '', '2020-06-03', '2020-06-04', '2021-06-07', '["Kara H", "\u00d6z\u00fcdo\u011fru Z", "Balkaya H", "\u00d6zdemir D"]', 'Kara H', '["eng"]', 'eng', '["Journal Article"]', '[]', '["arteria", "axillaris", "brachialis", "fore limb", "sheep", "subscapularis"]', '10.5603/FM.a2020.0058', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (33813054, 'Commentary on: Comparative effects of (S)-ketamine and racemic (R/S)-ketamine on psychopathology, state of consciousness, and neurocognitive performance in healthy volunteers.', '', false, 'Publisher', 'European neuropsychopharmacology : the journal of the European College of Neuropsychopharmacology', 'Eur Neuropsychopharmacol', '49', '', '38-39', 2021, 4, 1, '2021-04-01', '', '2021-04-01', '2021-04-04', '2021-06-07', '["W\u0142odarczyk A", "Cuba\u0142a WJ", "G\u0105sior M"]', 'Włodarczyk A', '["eng"]', 'eng', '["Letter"]', '[]', '[]', '10.1016/j.euroneuro.2021.03.012', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (33962333, 'Single dose perioperative intrathecal ketamine as an adjuvant to intrathecal bupivacaine: A systematic review and meta-analysis of adult human randomized controlled trials.', 'STUDY OBJECTIVE: To identify whether adding intrathecal ketamine to intrathecal bupivacaine prolongs the time to first analgesic request in adult humans.

DESIGN: A meta-analysis of randomized controlled trials in humans.

SETTING: The majority of data was obtained in an operating room and postoperative recovery area.

PATIENTS: A total of 750 ASA physical status I and II patients were included in the study. Procedures performed include: cesarean section, lower abdominal surgery, lower limb surgery, and urologic surgery.

INTERVENTIONS: Databases including PubMed, Embase, Web of Science, and Cochrane were searched. Google Scholar was also queried. Multiple reviewers screened the papers for inclusion.

MEASUREMENTS: The primary outcome assessed was time to first analgesic request. Secondary outcomes included onset of sensory blockade, onset of motor blockade, duration of sensory blockade, and duration of motor blockade. Data were extracted to include means, 95% confidence intervals, tests for heterogeneity, and use of the Cochrane Collaboration guidelines to assess for publication bias.

MAIN RESULTS: Eleven randomized controlled trials met inclusion criteria. When comparing intrathecal bupivacaine plus ketamine to intrathecal bupivacaine alone, the time to first analgesic request was prolonged (effect size = 58.23 min (95% CI 37.36 to 79.10) p < 0.0001). Secondary outcomes showed the onset time of sensory blockade was shortened (effect size = -0.87 min (95% CI -1.361 to 0.378) p = 0.0005), the onset time of motor blockade was reduced (effect size = -0.88 min (95% CI -1.77 to 0.013) p = 0.05), the duration of sensory blockade was prolonged (effect size = 39.73 min (95% CI 15.97 to 63.50) p = 0.001), and the duration of motor blockade was prolonged (effect size = 4.02 min (95% CI 3.27 to 4.78) p < 0.0001). Studies were shown to have high heterogeneity. Egger tests for all outcomes were non-significant and funnel plots assessing publication bias were all asymmetrical.

CONCLUSIONS: The studies analyzed suggest there may be a benefit to using intrathecal ketamine as an adjunct to bupivacaine. Additional studies are warranted to optimize dosing, clarify the safety and efficacy of this intrathecal drug combination, and examine the various ketamine formulations as intrathecal bupivacaine adjuvants.', false, 'Publisher', 'Journal of clinical anesthesia', 'J Clin Anesth', '73', '', '110331', 2021, 5, 5, '2021-05-05', '', '2021-05-05', '2021-05-07', '2021-06-07', '["Sohnen S", "Dowling O", "Shore-Lesserson L"]', 'Sohnen S', '["eng"]', 'eng', '["Journal Article"]', '[]', '[]', '10.1016/j.jclinane.2021.110331', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (33984391, 'The anterior cingulate cortex as a key locus of ketamine''s antidepressant action.', 'The subdivisions of the anterior cingulate cortex (ACC) - including subgenual, perigenual and dorsal zones - are implicated in the etiology, pathogenesis and treatment of major depression. We review an emerging body of evidence which suggests that changes in ACC activity are critically important in mediating the antidepressant effects of ketamine, the prototypical member of an emerging class of rapidly acting antidepressants. Infusions of ketamine induce acute (over minutes) and post-acute (over hours to days) modulations in subgenual and perigenual activity, and importantly, these changes can correlate with antidepressant efficacy. The subgenual and dorsal zones of the ACC have been specifically implicated in ketamine''s anti-anhedonic effects. We emphasize the synergistic relationship between neuroimaging studies in humans and brain manipulations in animals to understand the causal relationship between changes in brain activity and therapeutic efficacy. We conclude with circuit-based perspectives on ketamine''s action: first, related to ACC function in a central network mediating affective pain, and second, related to its role as the anterior node of the default mode network.', false, 'Publisher', 'Neuroscience and biobehavioral reviews', 'Neurosci Biobehav Rev', '127', '', '531-554', 2021, 5, 11, '2021-05-11', '', '2021-05-11', '2021-05-13', '2021-06-06', '["Alexander L", "Jelen LA", "Mehta MA", "Young AH"]', 'Alexander L', '["eng"]', 'eng', '["Journal Article", "Review"]', '[]', '["Anhedonia", "Anterior cingulate cortex", "Antidepressant", "Bipolar disorder", "Default mode network", "Dorsal anterior cingulate", "Ketamine", "MRI", "MRS", "Macaque", "Major depression", "Marmoset", "Opioid system", "PET", "Pain", "Perigenual anterior cingulate", "Prefrontal", "Rodent", "Subgenual anterior cingulate"]', '10.1016/j.neubiorev.2021.05.003', NULL, false, '[]', '[]', 'review', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (33992694, 'The effects of anaesthetics and sedatives on brain inflammation.', 'Microglia are involved in many dynamic processes in the central nervous system (CNS) including the development of inflammatory processes and neuromodulation. Several sedative, analgesic or anaesthetic drugs, such as opioids, ∝2-adrenergic agonists, ketamine, benzodiazepines and propofol can cause both neuroprotective and harmful effects on the brain. The purpose of this review is to present the main findings on the use of these drugs and the mechanisms involved in microglial activation. Alpha 2-adrenergic agonists, propofol and benzodiazepines have several pro- or anti-inflammatory effects on microglia. Long-term use of benzodiazepines and propofol causes neuroapoptotic effects and α2-adrenergic agonists may attenuate these effects. Conversely, morphine and fentanyl may have proinflammatory effects, causing behavioural changes in patients and changes in cell viability in vitro. Conversely, chronic administration of morphine induces CCL5 chemokine expression in microglial cells that promotes their survival.', false, 'Publisher', 'Neuroscience and biobehavioral reviews', 'Neurosci Biobehav Rev', '127', '', '504-513', 2021, 5, 14, '2021-05-14', '', '2021-05-14', '2021-05-16', '2021-06-06', '["Dominguini D", "Steckert AV", "Michels M", "Spies MB", "Ritter C", "Barichello T", "Thompson J", "Dal-Pizzol F"]', 'Dominguini D', '["eng"]', 'eng', '["Journal Article", "Review"]', '[]', '["Anaesthetics", "Cytokines", "Inflammation", "Microglial activation", "Neuroprotection", "Sedatives"]', '10.1016/j.neubiorev.2021.05.009', NULL, false, '[]', '[]', 'review', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34023336, 'R (-)-methoxetamine exerts rapid and sustained antidepressant effects and fewer behavioral side effects relative to S (+)-methoxetamine.', 'The newfound antidepressant efficacy of ketamine has provided opportunities for the development of new-generation, rapid-acting, glutamate-based antidepressants. We previously identified that methoxetamine (MXE), a ketamine analog, and an N-Methyl-d-aspartate (NMDA) receptor antagonist, produced rapid and sustained antidepressant effects in mice. MXE (R, S (±)-MXE) is a racemic mixture containing equal parts of S (+)-MXE and R (-)-MXE. However, studies have yet to investigate the antidepressant effects of its enantiomers. Here, we examined the potential antidepressant properties and behavioral side effects of S- and R-MXE in mice. Both S- and R-MXE showed significant NMDA receptor affinity and appreciable inhibitory activity on serotonin transporter. Also, S- and R-MXE (10 mg kg-1) exerted antidepressant effects and increased gamma waves (electroencephalography) but were inhibited by NBQX (an AMPA receptor antagonist). Subsequently, they increased mammalian target of rapamycin phosphorylation and AMPA receptor subunits GluA1 and GluA2 protein levels in the hippocampus or prefrontal cortex. Furthermore, they increased 5HT2a and 5HT2c receptor mRNA levels in the prefrontal cortex, with their antidepressant effects inhibited by ketanserin (a 5HT2a/c receptor antagonist). Taken together, S-MXE and R-MXE elicit antidepressant effects that are probably mediated via glutamatergic and serotonergic mechanisms. Unlike S-MXE, R-MXE did not induce prepulse inhibition deficits, hyperlocomotion, conditioned place preference, and locomotor sensitization, although it acutely altered motor coordination. This suggests that R-MXE induces fewer behavioral side effects and is a safer antidepressant than S-MXE. Overall, this study provides significant implications for future research on the next generation of rapid-acting, glutamate-based antidepressant drugs.', false, 'Publisher', 'Neuropharmacology', 'Neuropharmacology', '193', '', '108619', 2021, 5, 20, '2021-05-20', '', '2021-05-20', '2021-05-23', '2021-06-06', '["Botanas CJ", "Perez Custodio RJ", "Kim HJ", "de la Pena JB", "Sayson LV", "Ortiz DM", "Kim M", "Lee HJ", "Acharya S", "Kim KM", "Lee CJ", "Ryu JH", "Lee YS", "Cheong JH"]', 'Botanas CJ', '["eng"]', 'eng', '["Journal Article"]', '[]', '["Antidepressant", "Depression", "Enantiomers", "Methoxetamine", "NMDA receptor Antagonist"]', '10.1016/j.neuropharm.2021.108619', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34034067, 'The effect of intravenous ketamine on cognitive functions in adults with treatment-resistant major depressive or bipolar disorders: Results from the Canadian rapid treatment center of excellence (CRTCE).', 'Ketamine may exert pro-cognitive effects on select measures of cognition in adults with mood disorders. We evaluated the effectiveness of intravenous (IV) ketamine on cognition in 68 adult outpatients with treatment-resistant depression (TRD) at the Canadian Rapid Treatment Center of Excellence between July 3, 2018 and April 16, 2020 (NCT04209296). Eligibility criteria for the present retrospective study included: primary diagnosis of major depressive or bipolar disorder; currently depressed; and insufficient response to two or more prior treatments. Participants received four infusions of ketamine hydrochloride (0.5-0.75 mg/kg) over 1-2 weeks. We assessed objective and subjective measures of cognition before and after two infusions, i.e., Digit Symbol Substitution Test (DSST), Trail Making Test-B (TMT-B), Patient Deficits Questionnaire, 5-item (PDQ-5-D). Ketamine significantly improved DSST (effect size [ES]=0.60), TMT-B (ES=0.84), as well as PDQ-5-D scores (ES=0.63), indicative of a moderate-to-large effect size. Improvements in DSST and PDQ-5-D with ketamine were mediated by reductions in depressive symptoms, whereas improvements in TMT-B were independent of changes in depressive symptoms. Our results support the independent, rapid-onset, pro-cognitive effects with IV ketamine in adults with TRD. Larger, randomized, controlled trials with ketamine wherein cognition is the primary outcome measure in mood and non-mood disorder samples are warranted.', false, 'Publisher', 'Psychiatry research', 'Psychiatry Res', '302', '', '113993', 2021, 5, 13, '2021-05-13', '', '2021-05-13', '2021-05-25', '2021-06-07', '["McIntyre RS", "Rosenblat JD", "Rodrigues NB", "Lipsitz O", "Chen-Li D", "Lee JG", "Nasri F", "Subramaniapillai M", "Kratiuk K", "Wang A", "Gill H", "Mansur RB", "Ho R", "Lin K", "Lee Y"]', 'McIntyre RS', '["eng"]', 'eng', '["Journal Article"]', '[]', '["Bipolar disorder", "Cognition", "Depression", "Disorders", "Esketamine", "Ketamine", "Mood"]', '10.1016/j.psychres.2021.113993', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34036940, 'Implant- and anesthesia-related factors affecting cardiopulmonary threshold intensities for vagus nerve stimulation.', 'Objective.Vagus nerve stimulation (VNS) is typically delivered at increasing stimulus intensity until a neurological or physiological response is observed (''threshold'') for dose calibration, preclinically and therapeutically. Factors affecting VNS thresholds have not been studied systematically. In a rodent model of VNS we measured neural and physiological responses to increasing VNS intensity, determined neurological and physiological thresholds and examined the effect of implant- and anesthesia-related factors on thresholds.Approach.In acute and chronic vagus implants (45 and 20 rats, respectively) VNS was delivered under isoflurane, ketamine-xylazine, or awake conditions. Evoked compound action potentials (CAPs) were recorded and activation of different fiber types was extracted. Elicited physiological responses were registered, including changes in heart rate (HR), breathing rate (BR), and blood pressure (BP). CAP and physiological thresholds were determined.Main results. The threshold for evoking discernable CAPs (>10µV) (CAP threshold) is significantly lower than what elicits 5%-10% drop in heart rate (heart rate threshold, HRT) (25µA ± 1.8 vs. 80µA ± 5.1, respectively; mean ± SEM). Changes in BP and small changes in BR (bradypnea) occur at lowest intensities (70µA ± 8.3), followed by HR changes (80µA ± 5.1) and finally significant changes in BR (apnea) (310μA ± 32.5). HRT and electrode impedance are correlated in chronic (Pearson correlationr= 0.47;p< 0.001) but not in acute implants (r= -0.34;pNS); HRT and impedance both increase with implant age (r= 0.44;p< 0.001 andr= 0.64;p< 0.001, respectively). HRT is lowest when animals are awake (200µA ± 35.5), followed by ketamine-xylazine (640µA ± 151.5), and isoflurane (1000µA ± 139.5). The sequence of physiological responses with increasing VNS intensity is the same in anesthetized and awake animals. Pulsing frequency affects physiological responses but not CAPs.Significance. Implant age, electrode impedance, and type of anesthesia affect VNS thresholds and should be accounted for when calibrating stimulation dose.', false, 'Publisher', 'Journal of neural engineering', 'J Neural Eng', '18', '4', '', 2021, 6, 4, '2021-06-04', '', '2021-06-04', '2021-05-26', '2021-06-07', '["Ahmed U", "Chang YC", "Lopez MF", "Wong J", "Datta-Chaudhuri T", "Rieth L", "Al-Abed Y", "Zanos S"]', 'Ahmed U', '["eng"]', 'eng', '["Journal Article"]', '[]', '["anesthesia", "implant", "neural interface", "stimulation intensities", "threshold", "vagus nerve stimulation"]', '10.1088/1741-2552/ac048a', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34062414, 'Hsa-miR-605 regulates the proinflammatory chemokine CXCL5 in complex regional pain syndrome.', 'Complex regional pain syndrome (CRPS) is a chronic pain condition characterized by inflammation and debilitating pain. CRPS patients with pain refractory to more conventional analgesics can be treated with subanesthetic doses of ketamine. Our previous studies found that poor responders to ketamine had a 22-fold downregulation of the miRNA hsa-miR-605 in blood prior to ketamine treatment. Hence, we sought to investigate the functional significance of miR-605 downregulation and its impact on target gene expression, as investigating target mRNAs of differentially expressed miRNAs can provide important insights on aberrant gene expression that may contribute to disease etiology. Using a bioinformatics prediction, we identified that miR-605 can target the proinflammatory chemokine CXCL5, which plays a role in leukocyte recruitment and activation. We hypothesized that downregulation of miR-605 in poor responders to ketamine could increase CXCL5 expression and thereby contribute to inflammation in these patients. We confirmed that miR-605 regulates CXCL5 by using a miRNA mimic and inhibitor in human primary endothelial cells. Inhibition of miR-605 increased CXCL5 secretion and migration of human monocytic cells, thereby demonstrating a functional impact of miR-605 on chemotaxis. Additionally, CXCL5 mRNA was upregulated in whole blood from poor responders to ketamine, and CXCL5 protein was increased in plasma from CRPS patients. Thus, our studies suggest that miR-605 regulation of CXCL5 can regulate inflammation.', false, 'Publisher', 'Biomedicine & pharmacotherapy = Biomedecine & pharmacotherapie', 'Biomed Pharmacother', '140', '', '111788', 2021, 5, 29, '2021-05-29', '', '2021-05-29', '2021-06-01', '2021-06-07', '["Pande R", "Parikh A", "Shenoda B", "Ramanathan S", "Alexander GM", "Schwartzman RJ", "Ajit SK"]', 'Pande R', '["eng"]', 'eng', '["Journal Article"]', '[]', '["CXCL5", "Complex regional pain syndrome", "Inflammation", "Pain", "miR-605", "miRNA"]', '10.1016/j.biopha.2021.111788', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34082712, 'Feasibility and postoperative opioid sparing effect of an opioid-free anaesthesia in adult cardiac surgery: a retrospective study.', 'BACKGROUND: No previous study investigated the dexmedetomidine-based opioid-free anesthesia (OFA) protocol in cardiac surgery. The main objective of this study was to evaluate the feasibility and the postoperative opioid-sparing effect of dexmedetomidine-based OFA in adult cardiac surgery patients.

METHODS: We conducted a single-centre and retrospective study including 80 patients above 18 years old who underwent on-pump cardiac surgery between November 2018 and February 2020. Patients were divided into two groups: OFA (lidocaine, ketamine, dexmedetomidine, MgSO4) or opioid-based anaesthesia (remifentanil and anti-hyperalgesic medications such as ketamine and/or MgSO4 and/or lidocaine at the discretion of the anesthesiologist). The primary endpoint was the total amount of opioid consumed in its equivalent of intravenous morphine during the first 48 postoperative hours. Secondary outcomes included perioperative hemodynamics, post-operative maximal pain at rest and during coughing and adverse outcomes. Data are expressed as median [interquartile range].

RESULTS: Patients in the OFA-group had a higher EuroSCORE II, with more diabetes, more dyslipidemia and more non-elective surgery but fewer smoking history. In the OFA group, the median loading dose of dexmedetomidine was 0.6 [0.4-0.6] μg.kg- 1 while the median maintenance dose was 0.11 μg.kg- 1.h- 1 [0.05-0.20]. In 10 (25%) patients, dexmedetomidine was discontinued for a drop of mean arterial pressure below 55 mmHg. The median total amount of opioid consumed in its equivalent of intravenous morphine during the first 48 postoperative hours was lower in the OFA group (15.0 mg [8.5-23.5] versus 30.0 mg [17.3-44.3], p < 0.001). While no differences were seen with rest pain (2.0 [0.0-3.0] versus 0.5 [0.0-5.0], p = 0.60), the maximal pain score during coughing was lower in OFA group (3.5 [2.0-5.0] versus 5.5 [3.0-7.0], p = 0.04). In OFA group the incidence of atrial fibrillation (18% versus 40%, p = 0.03) and non-invasive ventilation use (25% versus 48%, p = 0.04) were lower. The incidence of bradycardia and the intraoperative use of norepinephrine were similar between both groups.

CONCLUSION: Dexmedetomidine-based OFA in cardiac surgery patients is feasible and could be associated with a lower postoperative morphine consumption and better postoperative outcomes. Further randomized studies are required to confirm these promising results and determine the optimal associations, dosages, and infusion protocols during cardiac surgery.', false, 'In-Data-Review', 'BMC anesthesiology', 'BMC Anesthesiol', '21', '1', '166', 2021, 6, 3, '2021-06-03', '', '2021-06-03', '2021-06-04', '2021-06-07', '["Aguerreche C", "Cadier G", "Beurton A", "Imbault J", "Leuillet S", "Remy A", "Zaouter C", "Ouattara A"]', 'Aguerreche C', '["eng"]', 'eng', '["Journal Article"]', '[]', '["Cardiac surgery", "Dexmedetomidine", "Morphine", "Opioid-free anaesthesia", "Pain"]', '10.1186/s12871-021-01362-1', 'PMC8173983', false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34090769, 'Low-dose ketamine infusion for post-cesarean delivery analgesia in patients with opioid use disorder.', '', false, 'Publisher', 'International journal of obstetric anesthesia', 'Int J Obstet Anesth', '', '', '103170', 2021, 5, 2, '2021-05-02', '', '2021-05-02', '2021-06-06', '2021-06-06', '["Cobb J", "Craig W", "Richard J", "Snow E", "Turcotte H", "Warters R", "Quaye A"]', 'Cobb J', '["eng"]', 'eng', '["Letter"]', '[]', '[]', '10.1016/j.ijoa.2021.103170', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34092024, 'Long Term Safety and Efficacy of Sub-Lingual Ketamine Troches / Lozenges in Chronic Non-Malignant Pain Management.', 'INTRODUCTION: Chronic non-malignant pain is a disabling condition that results in a reduction in function and quality of life when inadequately managed. Sub-lingual ketamine has been shown to be efficacious for use in chronic pain. Despite its use for decades in chronic non-malignant pain, there is no published long-term data on safety, side effects or adverse drug reactions. The aim of this case-series is to provide the initial evidence for safety and efficacy in this patient group.

METHODS: We present a retrospective review of twenty-nine patients (n=29) from a metropolitan tertiary pain service who have been receiving sub-lingual ketamine troches / lozenges between the period of 2012-2019. Patients were identified from the outpatient pain clinic, who had been admitted for inpatient subcutaneous ketamine infusions as part of opiate detoxification or management of central sensitisation due to a chronic neuropathic pain syndrome. An initial review was performed to check the patient started taking the ketamine troches. Each of these medical records was reviewed manually to extract information to a datasheet.

RESULTS: There was a wide range of dosages used from 25-600mg in divided doses. The duration of treatment ranged from 2-89 months. There was no association with either the dosage or duration of treatment and frequency of side effects. There was an overall reduction in the use of opioids, gabapentinoids or benzodiazepines in 59% of patients with 39% having a complete cessation of an analgesic agent. Side effects were reported in 24%, but only 7% discontinued the treatment due to the side effect (drowsiness). There were no reports of renal impairment, cystitis, or hepatotoxicity.

DISCUSSION: This retrospective case-series has demonstrated that sub-lingual ketamine is a safe and effective analgesic agent to use in chronic non-malignant pain management. It is indicated in a variety of chronic pain conditions and has an excellent safety profile, with no association between the frequency in side effects and duration of therapy or total daily dosages. The study has also shown that the "safe" dose may be higher than the previous consensus.

CONTRIBUTION STATEMENT: A.A and S.G. recruited the patients. A.A. & B.M. created the parameters for the data collection sheet. B.M Collected most of the data from the medical records, entered it into a datasheet, wrote the manuscript, ran the statistics, performed the data analysis, and generated the figures and tables. A.A. Edited the manuscript. S.G. and A.A were the research supervisors. This article is protected by copyright. All rights reserved.', false, 'Publisher', 'Internal medicine journal', 'Intern Med J', '', '', '', 2021, 6, 6, '2021-06-06', '', '2021-06-06', '2021-06-06', '2021-06-06', '["Maudlin B", "Gibson SB", "Aggarwal A"]', 'Maudlin B', '["eng"]', 'eng', '["Journal Article"]', '[]', '["Ketamine", "chronic non-malignant pain", "lozenges", "troches"]', '10.1111/imj.15404', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34092131, 'Recreational ketamine-related deaths notified to the National Programme on Substance Abuse Deaths, England, 1997-2019.', 'BACKGROUND: Ketamine is a phencyclidine derivative with dissociative anaesthetic properties. Increasing numbers of individuals in England take ketamine recreationally. Information on deaths arising from such use in England is presented.

METHODS: Cases were extracted on 31 January 2020 from the National Programme on Substance Abuse Deaths database, based on text searches of the cause of death, coroner''s verdict and positive toxicology results for the terms ''ketamine'' or ''norketamine''.

FINDINGS: During 1997-2005, there were <5 deaths p.a. in which ketamine was implicated. Numbers increased until 2009 (21), plateauing until 2016; thereafter, deaths have risen to about 30 p.a. Decedents'' characteristics (N = 283): male 84.1%, mean age 31.2 (SD 10.0) years, employed 56.5%, drug use history 79.6% and living with others 60.3%. Ketamine was detected with other substances in most cases. Main (74.6%) underlying cause of death was accidental poisoning. Ketamine may have impaired judgement in other cases.

CONCLUSIONS: Although controlled, recreational ketamine use and related fatalities continue to increase. Consumers need to be more aware of the potentially fatal risks they face.', false, 'Publisher', 'Journal of psychopharmacology (Oxford, England)', 'J Psychopharmacol', '', '', '2698811211021588', 2021, 6, 5, '2021-06-05', '', '2021-06-05', '2021-06-07', '2021-06-07', '["Corkery JM", "Hung WC", "Claridge H", "Goodair C", "Copeland CS", "Schifano F"]', 'Corkery JM', '["eng"]', 'eng', '["Journal Article"]', '[]', '["Deaths", "England", "drug misuse", "ketamine", "recreational use"]', '10.1177/02698811211021588', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34092549, 'Combining Ketamine and Internet-Based Cognitive Behavioural Therapy for the Treatment of Post-Traumatic Stress Disorder: Protocol for a Randomized Control Trial.', 'BACKGROUND: Over a third of patients with Post-Traumatic Stress Disorder (PTSD) do not respond to current interventions. Ketamine is one potential treatment avenue, however its effects are temporary. Administering ketamine alongside psychotherapy is one potential means of prolonging its effects, however, there are few studies investigating this treatment method to date, and none testing ketamine with internet-based, or, electronic Cognitive Behavioural Therapy (e-CBT).

OBJECTIVE: The present study is an open label randomized controlled trial assessing the efficacy of a combined treatment of sub-anesthetic IV ketamine in conjunction with e-CBT to treat patients with PTSD.

METHODS: 20 participants with refractory PTSD recruited from a community clinic will be randomly assigned either to an experimental group (n=10) receiving a combination of ketamine and therapist-administered e-CBT over 14 weeks, or they will be assigned to a waitlist-control group (n=10) at the end of which they will receive the experimental treatment. Both groups will be assessed for symptoms of PTSD and comorbid disorders before treatment, at two midway points, and at the end of the experiment.

RESULTS: Symptoms of PTSD for participants in the experimental group are expected to improve significantly more than participants in the waitlist-control group (P=.05) with a large effect size (η2=.14).

CONCLUSIONS: This would be the first experiment assessing the relationship between e-CBT and ketamine and their combined ability to treat refractory PTSD. If successful, this study will open online/asynchronous therapeutic options to patients with PTSD and will provide new insights into the functional role of glutamate in trauma-related disorders as well as in learning, memory, and fear-extinction.

CLINICALTRIAL: ClinicalTrials.gov database - NCT04771767 https://clinicaltrials.gov/ct2/show/NCT04771767?term=ketamine&cond=PTSD&draw=2&rank=9.', false, 'Publisher', 'JMIR research protocols', 'JMIR Res Protoc', '', '', '', 2021, 6, 1, '2021-06-01', '', '2021-06-01', '2021-06-07', '2021-06-07', '["Philipp-Muller AE", "Reshetukha T", "Vazquez G", "Milev R", "Armstrong D", "Jagayat J", "Alavi N"]', 'Philipp-Muller AE', '["eng"]', 'eng', '["Journal Article"]', '[]', '[]', '10.2196/30334', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34093963, 'The protective effect of olanzapine on ketamine induced cognitive deficit and increased NR1 expression in rat model of schizophrenia.', 'BACKGROUND: Impaired cognitive flexibility is the core manifestation of schizophrenia (SZ). Previous literature raised a claim against the effect of atypical antipsychotic drugs (AAD) on cognitive and executive functions whose cause needs further investigation. Attention set-shifting task (ASST) tests the prefrontal cortex''s (PFC) executive and flexibility functions.

GOALS: To examine Olanzapine (OLZ) effect on ASST, expression of N-methyl-D-aspartate receptor 1 (NMDR-NR1) in prefrontal cortex (PFC), and metabolic comorbidity in ketamine (KET) model of SZ.

METHODS: Sixty-two male rats were divided into three groups: 8 for ASST and 30 for open field, ELISA and immunohistochemistry sub-chronic study, and 24 for regular serological and histopathological examination. Rats treated with V: vehicle; K: KET and KO: OLZ plus KET.

RESULTS: KET caused significant increase in time, trials, and errors to reach criterion. OLZ co-administration reversed effects of KET in ASST with no reduction of locomotor activity. OLZ normalized KET-induced rise of NR1 expression and protected against KET-induced degenerative changes in hippocampus and PFC. Significant increase in serum liver enzymes, total bilirubin, and lipids with chronic compared to sub-chronic OLZ administration. In contrast, insignificant difference between sub-chronic OLZ and vehicle was found.

CONCLUSIONS: Current study demonstrated the efficacy of OLZ to reverse KET-induced cognitive deficits in ASST with neither reduction in NR1 expression in PFC nor metabolic malfunction in the sub-chronic study. It also showed the protective effect of OLZ on KET induced neuronal degeneration and necrosis. We suggest that chronic OLZ treatment-induced-metabolic malfunction might be the cause of time-dependent cognitive deterioration.', false, 'PubMed-not-MEDLINE', 'International journal of physiology, pathophysiology and pharmacology', 'Int J Physiol Pathophysiol Pharmacol', '13', '2', '22-35', 2021, NULL, NULL, '2021-01-01', '', '2021-04-15', '2021-06-07', '2021-06-07', '["Mahmoud GS", "Hosny G", "Sayed SA"]', 'Mahmoud GS', '["eng"]', 'eng', '["Journal Article"]', '[]', '["N methyl-D-aspartate receptors (NMDARs)", "Schizophrenia", "attention set shifting task (ASST)", "ketamine (KET)", "olanzapine (OLZ)"]', NULL, 'PMC8166812', false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34095276, 'Macrocirculatory Parameters and Oxygen Debt Indices in Pigs During Propofol Or Alfaxalone Anesthesia When Subjected to Experimental Stepwise Hemorrhage.', 'Background: Pigs are anesthetized when used for emergency procedures live tissue training (LTT) of civilian and military medical personnel or for experimental purposes, but there is a paucity in the literature regarding anesthesia of pigs for this purpose. Objective(s): The main goals of the study were to compare oxygen debt, macrocirculatory parameters, and time to cardiac arrest between pigs in hemorrhagic shock and anesthetized with propofol-ketamine-dexmedetomidine or alfaxalone-ketamine-dexmedetomidine. Design: A prospective, non-blinded randomized study design was used. Sixteen pigs were randomized in blocks of four to be anesthetized with either propofol-ketamine-dexmedetomidine (n = 8) or alfaxalone-ketamine-dexmedetomidine (n = 8) as a continuous infusion. Interventions: Premedication with ketamine 15 mg kg-1 and midazolam 1 mg kg-1 was given i.m. Anesthesia was maintained with propofol 8 mg kg-1 h-1 or alfaxalone 5 mg kg-1 h-1 combined with ketamine 5 mg kg-1 h-1 and dexmedetomidine 4 μg kg-1 h-1 i.v. A stepwise, volume-controlled model for hemorrhage was created by exsanguination. Main Outcome Measures: Indices of oxygen debt (lactate, base excess, and oxygen extraction), macrocirculatory (PR, SAP, DAP, MAP, and CI, SVI, and TPR) variables, and time to death was compared between groups. Results: Pigs in the alfaxalone group had significantly higher SAP than pigs given propofol. No difference in other macrocirculatory variables or indices of oxygen debt could be found. A blood loss of 50% of the total blood volume or more was possible in most pigs with both anesthetic regimes. Conclusions: Pigs anesthetized with propofol or alfaxalone combined with ketamine and dexmedetomidine tolerated substantial blood loss.', false, 'PubMed-not-MEDLINE', 'Frontiers in veterinary science', 'Front Vet Sci', '8', '', '664112', 2021, NULL, NULL, '2021-01-01', '', '2021-05-20', '2021-06-07', '2021-06-07', '["Lervik A", "Forr Toverud S", "Bohlin J", "Haga HA"]', 'Lervik A', '["eng"]', 'eng', '["Journal Article"]', '[]', '["TIVA", "alfaxalone", "anesthesia", "dexmedetomidine", "hemorrhage", "ketamine", "pigs", "propofol"]', '10.3389/fvets.2021.664112', 'PMC8173164', false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (34097106, 'Histopathological changes of parotid and larynx in hypothyroid rats: experimental study.', 'OBJECTIVES: In this study, we aimed to investigate the laryngeal and parotid histopathological alterations in rats with experimentally induced postnatal hypothyroidism.

MATERIALS AND METHODS: 200-300 g weighed Wistar albino rats were included in this study. The rats were randomly divided into four groups: group 1 is control and the other groups are experimental groups. Food and water were supplied ad libitum in group 1, no medication was administered. Propylthiouracil (PTU) was administered intraperitoneally for 15 days in group 2; for 30 days in group 3, for 45 days in group 4. The larynx and parotid glands of the rats were removed and intracardiac blood samples were collected for thyroid-stimulating hormone (TSH) analysis under anesthesia (ketamine hydrochloride, 100 mg/kg) 24 h after the last PTU injection. The same procedures were done for the control group at day 46. Histopathological evaluation was done for all the specimens.

RESULTS: While submucosal vascular dilatation was significantly higher in the experiment groups (p < 0.05), there was not a significant difference in lamina propria edema, inflammation, goblet cell loss, cilia loss between the groups in larynx specimens. In parotid gland specimens, serous asinus atrophy, stromal connective tissue increase were significantly higher in experiment groups (p < 0.05). In addition, there was a significant difference in nuclear morphology between control and experimental groups (p < 0.05).

CONCLUSION: The results of the study showed that hypothyroidism may have effect on inflammatory procedure by causing vascular dilation in larynx and serous asinus atrophy nucleus changes, connective tissue increase in stroma in parotid gland.', false, 'Publisher', 'European archives of oto-rhino-laryngology : official journal of the European Federation of Oto-Rhino-Laryngological Societies (EUFOS) : affiliated with the German Society for Oto-Rhino-Laryngology - Head and Neck Surgery', 'Eur Arch Otorhinolaryngol', '', '', '', 2021, 6, 7, '2021-06-07', '', '2021-06-07', '2021-06-07', '2021-06-07', '["Uzun S", "Tatl\u0131p\u0131nar A", "K\u0131nal E", "Keskin S", "\u00d6zbeyli D", "G\u00fcne\u015f P"]', 'Uzun S', '["eng"]', 'eng', '["Journal Article"]', '[]', '["Hoarseness", "Hypothyroidism", "Larynx", "Parotid", "Rat", "Reinke\u2019s edema", "Xerostomia"]', '10.1007/s00405-021-06921-3', NULL, false, '[]', '[]', 'other', false, false, '2026-11-27T13:23:36Z', NULL);
INSERT INTO public.articles VALUES (38011560, 'Ketamine and the neurobiology of depression: Toward next-generation rapid-acting antidepressant treatments.', 'Ketamine has emerged as a transformative and mechanistically novel pharmacotherapy for depression. Its rapid onset of action, efficacy for treatment-resistant symptoms, and protection against relapse distinguish it from prior antidepressants. Its discovery emerged from a reconceptualization of the neurobiology of depression and, in turn, insights from the elaboration of its mechanisms of action inform studies of the pathophysiology of depression and related disorders. It has been 25 y since we first presented our ketamine findings in depression. Thus, it is timely for this review to consider what we have learned from studies of ketamine and to suggest future directions for the optimization of rapid-acting antidepressant treatment.', false, 'MEDLINE', 'Proceedings of the National Academy of Sciences of the United States of America', 'Proc Natl Acad Sci U S A', '120', '49', 'e2305772120', 2023, 12, 5, '2023-12-05', '', '2023-11-27', '2023-11-27', '2023-12-11', '["Krystal JH", "Kaye AP", "Jefferson S", "Girgenti MJ", "Wilkinson ST", "Sanacora G", "Esterlis I"]', 'Krystal JH', '["eng"]', 'eng', '["Review", "Journal Article"]', '[{"descriptor": "Ketamine", "ui": "D007649", "major": true, "qualifiers": [{"name": "pharmacology", "major": false}, {"name": "therapeutic use", "major": false}]}, {"descriptor": "Depression", "ui": "D003863", "major": false, "qualifiers": [{"name": "drug therapy", "major": false}]}, {"descriptor": "Antidepressive Agents", "ui": "D000928", "major": false, "qualifiers": [{"name": "pharmacology", "major": false}, {"name": "therapeutic use", "major": false}]}]', '["antidepressant", "depression", "ketamine", "neuroplasticity", "stress"]', '10.1073/pnas.2305772120', 'PMC10710048', false, '[]', '[]', 'review', false, false, '2026-11-27T13:23:36Z', NULL);


--
-- Data for Name: claim_articles; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.claim_articles VALUES ('ketamine-any', 401778, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 402144, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 408817, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 408826, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 409313, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 409837, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 410466, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 412136, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 413552, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 414255, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 414274, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 414385, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 416291, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 401778, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 402144, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 408817, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 408826, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 409837, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 410466, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 412136, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 413552, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 414255, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 414274, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 414385, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 416291, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 416295, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 418634, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 424435, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 426704, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 427326, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-animal-studies', 428799, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-depression', 426704, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-depression', 33984391, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-depression', 34023336, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-depression', 34034067, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-depression', 38011560, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 416295, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 418634, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 419061, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 419567, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 423351, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 424435, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 424626, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 424900, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 426704, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 426987, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 427326, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 428799, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 32488858, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 33813054, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 33962333, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 33984391, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 33992694, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34023336, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34034067, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34036940, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34062414, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34082712, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34090769, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34092024, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34092131, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34092549, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34093963, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34095276, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 34097106, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);
INSERT INTO public.claim_articles VALUES ('ketamine-any', 38011560, '2026-11-27T13:23:36Z', '2026-11-27T13:24:15Z', 1, NULL);


--
-- Data for Name: claim_counts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.claim_counts VALUES (1, 'ketamine-any', 1, '2026-11-27T13:23:36Z', 43, 43, 43, 0, 1, 'ok', '', '"ketamine"[MeSH Terms] OR "ketamine"[Title/Abstract]', '');
INSERT INTO public.claim_counts VALUES (1, 'ketamine-animal-studies', 1, '2026-11-27T13:23:36Z', 18, 18, 18, 0, 1, 'ok', '', '("ketamine"[MeSH Terms] OR "ketamine"[Title/Abstract]) AND "animals"[MeSH Terms]', '');
INSERT INTO public.claim_counts VALUES (1, 'ketamine-depression', 1, '2026-11-27T13:23:36Z', 5, 5, 5, 0, 1, 'ok', '', '("ketamine"[Title/Abstract] OR "esketamine"[Title/Abstract]) AND (("depression"[Title/Abstract] OR "depressive"[Title/Abstract]) OR "antidepressant"[Title/Abstract])', '');
INSERT INTO public.claim_counts VALUES (1, 'ketamine-nothing', 1, '2026-11-27T13:23:36Z', 0, 0, 0, 0, 1, 'ok', '', '("ketamine"[MeSH Terms] OR "ketamine"[Title/Abstract]) AND 1900/01/01:1901/12/31[Date - Publication]', '');
INSERT INTO public.claim_counts VALUES (2, 'ketamine-any', 1, '2026-11-27T13:24:15Z', 43, 43, 0, 0, 1, 'ok', '', '"ketamine"[MeSH Terms] OR "ketamine"[Title/Abstract]', '');
INSERT INTO public.claim_counts VALUES (2, 'ketamine-animal-studies', 1, '2026-11-27T13:24:15Z', 18, 18, 0, 0, 1, 'ok', '', '("ketamine"[MeSH Terms] OR "ketamine"[Title/Abstract]) AND "animals"[MeSH Terms]', '');
INSERT INTO public.claim_counts VALUES (2, 'ketamine-depression', 1, '2026-11-27T13:24:15Z', 5, 5, 0, 0, 1, 'ok', '', '("ketamine"[Title/Abstract] OR "esketamine"[Title/Abstract]) AND (("depression"[Title/Abstract] OR "depressive"[Title/Abstract]) OR "antidepressant"[Title/Abstract])', '');
INSERT INTO public.claim_counts VALUES (2, 'ketamine-nothing', 1, '2026-11-27T13:24:15Z', 0, 0, 0, 0, 1, 'ok', '', '("ketamine"[MeSH Terms] OR "ketamine"[Title/Abstract]) AND 1900/01/01:1901/12/31[Date - Publication]', '');


--
-- Data for Name: claims; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.claims VALUES ('ketamine-any', 'ketamine-general', '', 'Ketamine is studied across many settings.', 'ketamine[mh] OR ketamine[tiab]', 1, 'anesthesia[mh] OR anesthesia[tiab]', '', 0, true, '2026-11-27T13:24:14Z');
INSERT INTO public.claims VALUES ('ketamine-animal-studies', 'ketamine-general', 'Animal work', 'Much of the early ketamine evidence comes from animal studies.', '(ketamine[mh] OR ketamine[tiab]) AND animals[mh]', 1, '', '', 1, true, '2026-11-27T13:24:14Z');
INSERT INTO public.claims VALUES ('ketamine-depression', 'ketamine-mood', '', 'Ketamine and esketamine act quickly against depression.', '(ketamine[tiab] OR esketamine[tiab]) AND (depression[tiab] OR depressive[tiab] OR antidepressant[tiab])', 1, '', '', 0, true, '2026-11-27T13:24:14Z');
INSERT INTO public.claims VALUES ('ketamine-nothing', 'ketamine-mood', '', 'A claim whose query finds nothing in PubMed.', '(ketamine[mh] OR ketamine[tiab]) AND 1900:1901[dp]', 1, '', '', 1, true, '2026-11-27T13:24:14Z');


--
-- Data for Name: fetch_lock; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: fetch_runs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.fetch_runs VALUES (1, '2026-11-27T13:23:35Z', '2026-11-27T13:24:13Z', 'ok', 'incremental', 'tests/outlines/fetch-small.yaml', 4, 0, 105, 0, 0, 43, '');
INSERT INTO public.fetch_runs VALUES (2, '2026-11-27T13:24:14Z', '2026-11-27T13:24:15Z', 'ok', 'incremental', 'tests/outlines/fetch-small.yaml', 4, 0, 4, 0, 0, 0, '');


--
-- Data for Name: schema_info; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.schema_info VALUES ('schema_version', '1');


--
-- Data for Name: summary_first_seen; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.summary_first_seen VALUES ('topic', 'ketamine-mood', '2026-11-27T13:23:36Z', 5);
INSERT INTO public.summary_first_seen VALUES ('topic', 'ketamine-general', '2026-11-27T13:23:36Z', 43);
INSERT INTO public.summary_first_seen VALUES ('store', '', '2026-11-27T13:23:36Z', 43);
INSERT INTO public.summary_first_seen VALUES ('claim', 'ketamine-animal-studies', '2026-11-27T13:23:36Z', 18);
INSERT INTO public.summary_first_seen VALUES ('claim', 'ketamine-any', '2026-11-27T13:23:36Z', 43);
INSERT INTO public.summary_first_seen VALUES ('claim', 'ketamine-depression', '2026-11-27T13:23:36Z', 5);


--
-- Data for Name: summary_pub_dates; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-09-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-mood', '1979-04-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-12-19', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-10-01', 2);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-mood', '2021-05-11', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1979-01-01', 5);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-08-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-06-07', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-11-24', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2023-12-05', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-12-15', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1979-04-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-05-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-05-13', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-11-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-mood', '2021-05-13', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1979-03-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-06-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1978-02-01', 3);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-05-14', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-02-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-mood', '2021-05-20', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1979-02-01', 3);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-mood', '2023-12-05', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-05-11', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-06-04', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-01-01', 3);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-06-06', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-06-05', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1978-01-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-04-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '1977-01-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-05-20', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-06-03', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-05-29', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-05-02', 1);
INSERT INTO public.summary_pub_dates VALUES ('topic', 'ketamine-general', '2021-05-05', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-01-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-02-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-05-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-08-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-09-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-10-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-11-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-11-24', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-12-15', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1977-12-19', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1978-01-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1978-02-01', 3);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1979-01-01', 2);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1979-03-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-animal-studies', '1979-04-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-01-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-02-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-05-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-08-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-09-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-10-01', 2);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-11-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-11-24', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-12-15', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1977-12-19', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1978-01-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1978-02-01', 3);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1979-01-01', 5);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1979-02-01', 3);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1979-03-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '1979-04-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-01-01', 3);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-04-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-05-02', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-05-05', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-05-11', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-05-13', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-05-14', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-05-20', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-05-29', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-06-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-06-03', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-06-04', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-06-05', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-06-06', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2021-06-07', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-any', '2023-12-05', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-depression', '1979-04-01', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-depression', '2021-05-11', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-depression', '2021-05-13', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-depression', '2021-05-20', 1);
INSERT INTO public.summary_pub_dates VALUES ('claim', 'ketamine-depression', '2023-12-05', 1);


--
-- Data for Name: summary_records; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.summary_records VALUES ('topic', 'ketamine-general', 43, 0);
INSERT INTO public.summary_records VALUES ('topic', 'ketamine-mood', 5, 0);
INSERT INTO public.summary_records VALUES ('store', '', 43, 0);
INSERT INTO public.summary_records VALUES ('claim', 'ketamine-animal-studies', 18, 0);
INSERT INTO public.summary_records VALUES ('claim', 'ketamine-any', 43, 0);
INSERT INTO public.summary_records VALUES ('claim', 'ketamine-depression', 5, 0);


--
-- Data for Name: summary_refresh; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.summary_refresh VALUES ('summaries', 2, '2026-11-27T13:24:15Z');


--
-- Data for Name: summary_topic_years; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'publication', 1978, 4);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'publication', 2021, 17);
INSERT INTO public.summary_topic_years VALUES ('ketamine-mood', 'publication', 2023, 1);
INSERT INTO public.summary_topic_years VALUES ('ketamine-mood', 'publication', 1979, 1);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'publication', 2023, 1);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'publication', 1977, 11);
INSERT INTO public.summary_topic_years VALUES ('ketamine-mood', 'publication', 2021, 3);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'publication', 1979, 10);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'entrez', 1978, 4);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'entrez', 2021, 16);
INSERT INTO public.summary_topic_years VALUES ('ketamine-mood', 'entrez', 2023, 1);
INSERT INTO public.summary_topic_years VALUES ('ketamine-mood', 'entrez', 1979, 1);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'entrez', 2023, 1);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'entrez', 2020, 1);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'entrez', 1977, 11);
INSERT INTO public.summary_topic_years VALUES ('ketamine-mood', 'entrez', 2021, 3);
INSERT INTO public.summary_topic_years VALUES ('ketamine-general', 'entrez', 1979, 10);


--
-- Data for Name: topics; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.topics VALUES ('ketamine-general', 'Ketamine in general', 'Ketamine fetch test outline', 0);
INSERT INTO public.topics VALUES ('ketamine-mood', 'Ketamine and mood', 'Ketamine fetch test outline', 1);


--
-- Data for Name: year_counts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.year_counts VALUES ('pubmed', 1977, 71, 'all[sb]', '2026-11-27T13:23:37Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1978, 199, 'all[sb]', '2026-11-27T13:23:37Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1979, 1273, 'all[sb]', '2026-11-27T13:23:37Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1980, 23, 'all[sb]', '2026-11-27T13:23:38Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1981, 2, 'all[sb]', '2026-11-27T13:23:38Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1982, 7, 'all[sb]', '2026-11-27T13:23:39Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1983, 4, 'all[sb]', '2026-11-27T13:23:39Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1984, 9, 'all[sb]', '2026-11-27T13:23:39Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1985, 11, 'all[sb]', '2026-11-27T13:23:40Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1986, 10, 'all[sb]', '2026-11-27T13:23:40Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1987, 22, 'all[sb]', '2026-11-27T13:23:40Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1988, 6, 'all[sb]', '2026-11-27T13:23:41Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1989, 8, 'all[sb]', '2026-11-27T13:23:41Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1990, 11, 'all[sb]', '2026-11-27T13:23:41Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1991, 1, 'all[sb]', '2026-11-27T13:23:42Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1992, 11, 'all[sb]', '2026-11-27T13:23:42Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1993, 9, 'all[sb]', '2026-11-27T13:23:43Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1994, 7, 'all[sb]', '2026-11-27T13:23:43Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1995, 5, 'all[sb]', '2026-11-27T13:23:43Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1996, 6, 'all[sb]', '2026-11-27T13:23:44Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1997, 7, 'all[sb]', '2026-11-27T13:23:44Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1998, 4, 'all[sb]', '2026-11-27T13:23:44Z');
INSERT INTO public.year_counts VALUES ('pubmed', 1999, 15, 'all[sb]', '2026-11-27T13:23:45Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2000, 12, 'all[sb]', '2026-11-27T13:23:45Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2001, 13, 'all[sb]', '2026-11-27T13:23:45Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2002, 9, 'all[sb]', '2026-11-27T13:23:46Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2003, 5, 'all[sb]', '2026-11-27T13:23:46Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2004, 7, 'all[sb]', '2026-11-27T13:23:47Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2005, 12, 'all[sb]', '2026-11-27T13:23:47Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2006, 8, 'all[sb]', '2026-11-27T13:23:47Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2007, 14, 'all[sb]', '2026-11-27T13:23:48Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2008, 10, 'all[sb]', '2026-11-27T13:23:48Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2009, 3, 'all[sb]', '2026-11-27T13:23:48Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2010, 7, 'all[sb]', '2026-11-27T13:23:49Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2011, 13, 'all[sb]', '2026-11-27T13:23:49Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2012, 11, 'all[sb]', '2026-11-27T13:23:50Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2013, 9, 'all[sb]', '2026-11-27T13:23:50Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2014, 14, 'all[sb]', '2026-11-27T13:23:50Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2015, 12, 'all[sb]', '2026-11-27T13:23:51Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2016, 9, 'all[sb]', '2026-11-27T13:23:51Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2017, 15, 'all[sb]', '2026-11-27T13:23:51Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2018, 51, 'all[sb]', '2026-11-27T13:23:52Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2019, 180, 'all[sb]', '2026-11-27T13:23:52Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2020, 1117, 'all[sb]', '2026-11-27T13:23:52Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2021, 1932, 'all[sb]', '2026-11-27T13:23:53Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2022, 33, 'all[sb]', '2026-11-27T13:23:53Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2023, 37, 'all[sb]', '2026-11-27T13:23:54Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2024, 54, 'all[sb]', '2026-11-27T13:23:54Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2025, 3, 'all[sb]', '2026-11-27T13:23:54Z');
INSERT INTO public.year_counts VALUES ('pubmed', 2026, 0, 'all[sb]', '2026-11-27T13:23:55Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1977, 3, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:55Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1978, 4, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:55Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1979, 8, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:56Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1980, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:56Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1981, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:56Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1982, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:57Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1983, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:57Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1984, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:58Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1985, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:58Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1986, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:58Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1987, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:59Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1988, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:59Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1989, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:23:59Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1990, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:00Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1991, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:00Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1992, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:01Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1993, 1, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:01Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1994, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:01Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1995, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:02Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1996, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:02Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1997, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:02Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1998, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:03Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 1999, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:03Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2000, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:03Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2001, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:04Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2002, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:04Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2003, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:05Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2004, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:05Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2005, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:05Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2006, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:06Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2007, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:06Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2008, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:06Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2009, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:07Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2010, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:07Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2011, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:07Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2012, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:08Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2013, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:08Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2014, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:09Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2015, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:09Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2016, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:09Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2017, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:10Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2018, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:10Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2019, 1, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:10Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2020, 11, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:11Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2021, 19, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:11Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2022, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:12Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2023, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:12Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2024, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:12Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2025, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:13Z');
INSERT INTO public.year_counts VALUES ('reference:ketamine-any', 2026, 0, 'anesthesia[mh] OR anesthesia[tiab]', '2026-11-27T13:24:13Z');


--
-- Name: fetch_runs_run_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.fetch_runs_run_id_seq', 2, true);


--
-- Name: articles articles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (pmid);


--
-- Name: claim_articles claim_articles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.claim_articles
    ADD CONSTRAINT claim_articles_pkey PRIMARY KEY (claim_id, pmid);


--
-- Name: claim_counts claim_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.claim_counts
    ADD CONSTRAINT claim_counts_pkey PRIMARY KEY (run_id, claim_id);


--
-- Name: claims claims_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.claims
    ADD CONSTRAINT claims_pkey PRIMARY KEY (claim_id);


--
-- Name: fetch_lock fetch_lock_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fetch_lock
    ADD CONSTRAINT fetch_lock_pkey PRIMARY KEY (name);


--
-- Name: fetch_runs fetch_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fetch_runs
    ADD CONSTRAINT fetch_runs_pkey PRIMARY KEY (run_id);


--
-- Name: schema_info schema_info_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_info
    ADD CONSTRAINT schema_info_pkey PRIMARY KEY (key);


--
-- Name: summary_first_seen summary_first_seen_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_first_seen
    ADD CONSTRAINT summary_first_seen_pkey PRIMARY KEY (scope, scope_id, first_seen);


--
-- Name: summary_pub_dates summary_pub_dates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_pub_dates
    ADD CONSTRAINT summary_pub_dates_pkey PRIMARY KEY (scope, scope_id, pub_date);


--
-- Name: summary_records summary_records_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_records
    ADD CONSTRAINT summary_records_pkey PRIMARY KEY (scope, scope_id);


--
-- Name: summary_refresh summary_refresh_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_refresh
    ADD CONSTRAINT summary_refresh_pkey PRIMARY KEY (name);


--
-- Name: summary_topic_years summary_topic_years_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_topic_years
    ADD CONSTRAINT summary_topic_years_pkey PRIMARY KEY (topic_id, basis, year);


--
-- Name: topics topics_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.topics
    ADD CONSTRAINT topics_pkey PRIMARY KEY (topic_id);


--
-- Name: year_counts year_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.year_counts
    ADD CONSTRAINT year_counts_pkey PRIMARY KEY (series, year);


--
-- Name: ix_articles_entrez_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_articles_entrez_date ON public.articles USING btree (entrez_date);


--
-- Name: ix_articles_live; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_articles_live ON public.articles USING btree (pmid, deleted_at, study_design, pub_date, pub_year, entrez_date);


--
-- Name: ix_articles_pub_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_articles_pub_date ON public.articles USING btree (pub_date);


--
-- Name: ix_articles_pub_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_articles_pub_year ON public.articles USING btree (pub_year);


--
-- Name: ix_articles_study_design; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_articles_study_design ON public.articles USING btree (study_design);


--
-- Name: ix_claim_articles_first_seen; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_claim_articles_first_seen ON public.claim_articles USING btree (first_seen);


--
-- Name: ix_claim_articles_live; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_claim_articles_live ON public.claim_articles USING btree (claim_id, dropped_at, pmid, first_seen);


--
-- Name: ix_claim_articles_pmid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_claim_articles_pmid ON public.claim_articles USING btree (pmid);


--
-- Name: ix_claims_topic_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_claims_topic_id ON public.claims USING btree (topic_id);


--
-- PostgreSQL database dump complete
--

\unrestrict oFUd0jcr7IjjPoMeVCB7OGb9mFlyCKNgSTfH6S35vzTjPEUI1pw3rMwV7JwAbRl

