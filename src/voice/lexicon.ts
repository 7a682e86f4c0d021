/**
 * Word lists the redaction reads (src/voice/names.ts, src/voice/patterns.ts): given names common
 * in England and Wales across generations and communities, common surnames, and the capitalised
 * words that stand where a name could but are not one. Hand-made, lower case; a name that is
 * also an everyday word ("will", "may", "rob") is listed as ambiguous and needs more evidence
 * than its capital letter (src/voice/CONTEXT.md).
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Given names and their usual short forms. */
export const GIVEN_NAMES = words(`
aaliyah aaron abbie abby abdul abdullah abigail abu ada adam adaeze adebayo adeel adele adrian
adriana agata agnieszka ahmad ahmed aidan aiden aileen aimee aisha aishah ajay akash alan alana
albert aleksander alex alexa alexander alexandra alexis alfie alfred ali alice alicia alison alistair
aliyah alya amal amanda amara amelia amina amir amit amy ana anastasia andrea andreea andrei andrew
andy aneesa angela angelika angharad anil anita anjali ann anna anne annette annie anthony antonio
anwar anya archie aria ariana arjun arlo arran arthur arun asha ashley ashok asif asma aston
aubrey audrey austin ava ayaan ayesha ayo ayodele aziz baljit barbara barry bartosz basia bea
beata beatrice becky bella ben benjamin bernadette bernard beth bethan bethany betty beverley
bilal billie billy blessing bogdan bonnie brandon brenda brendan brian bridget bronwen bryony
caitlin callum calum cameron caoimhe carl carla carlos carly carmen caroline carys casey cassie
catherine cathy cerys chantelle charlene charles charley charlie charlotte chelsea cheryl chidi
chinedu chioma chloe chris christina christine christopher ciara ciaran cieran claire clara
clare claudia colin connor conor courtney craig cristina dale damian damien dan daniel daniela
danielle danny daria darius darren dave david dawid dean debbie deborah declan dee deepak deepika
demi denise dennis derek desmond devon dexter dhruv diana diane dilip dimitri dina dionne dom
dominic dominika donna dorota dorothy duncan dylan eddie edith edward edwin eileen elaine eleanor
elena eli elias elif elijah elin elinor eliza elizabeth ella ellie elliot elliott ellis elsie
emeka emil emilia emily emma emmanuel emre eoin eric erica erin ethan eugene eva evan evelyn
ewa fahad faisal farah farhan farida fatima fatuma felicity felix fergus ffion finlay finley finn
fiona florence folake francesca francis frankie freddie frederick freya gabriel gabriela gail
gareth gary gavin gemma geoff geoffrey george georgia georgina gerald geraint gerard gill gillian
gina glenn gloria gordon graham greg gregory gurpreet gwen gwyn hafsa hamza hana hannah harjit
harley harold harper harriet harrison harry harvey hassan hayden hayley hazel heidi helen helena
henry hollie howard hugh hugo hussain hussein iain ian ibrahim idris ifeoma ikram imogen imran
ioana irene isaac isabel isabella isabelle isla ismail ivan izzy jacob jacqueline jade jake jamal
james jamie jan jane janet janice jasmine jason jasper javed jay jayden jayne jean jeff jeffrey
jenna jennifer jenny jeremy jerome jess jessica jill jim jimmy joan joanna joanne jodie joe joel
joey john johnny jon jonathan jordan joseph josephine josh joshua josie joyce juan judith judy
julia julian julie justin justyna kacper kai kamal kamil karen karim karl karolina kasia kate
katarzyna katherine kathleen kathryn katie katy kayleigh keeley keira keith kelly kelvin ken
kenneth kerry kevin khadija khalid kieran kim kimberley kirsty kofi krishna krzysztof kwabena
kwame kyle laila lakshmi lara laura lauren layla leah leanne leila lena leo leon leonard leonie
lewis lexi liam lily linda lindsay lindsey lisa liz lizzie logan lois lola lorna lorraine louis
louisa louise luca lucas lucia lucy luis luke lydia lynn lynne maciej maddie madison magdalena
maisie maja malcolm malik manjit manpreet manuel marcus margaret maria mariam marian marie marek
marina mario marion marta martha martin martyna mary maryam mason mateusz matilda matt matthew
maureen max maya megan mehmet melanie melissa mia michael michaela michal michelle mihai mikey
milan millie mohamed mohammad mohammed mohammud monika morgan muhammad muhammed mustafa nadia
naomi natalia natalie natasha nathan nazia neil nia niamh nicholas nicky nicola nicole nigel
nikhil nikita nina nisha noah noor nora norman nuala oliver olivia olu oluwaseun omar oscar owen
paige pamela paolo patricia patrick paul paula pauline pawel peter petra philip philippa phoebe
piotr pooja precious priya priyanka rachel rachael rafael rahul raj rajesh rakesh ramona rashid
ravi raymond rebecca reece reggie rehana reuben rhian rhiannon rhodri rhys ricky riley rita
robert roberta roberto robyn rohan ronald ronan ronnie rory rosie ross ruth ryan sabrina sadia
safiya sahil saima salma sam samantha sameer samir samira samuel sana sandeep sandra sanjay sara
sarah sean sebastian seren shabana shahid shane shannon sharon shaun shauna sheila shirley
shona siddharth simon simone siobhan sofia sonia sophia sophie stacey stanley stefan steph
stephanie stephen steve steven stewart stuart suleiman sunil susan suzanne szymon tamara tania
tanya tariq tasha teresa theo theodore thomas tim timothy tina tobias toby tom tomasz tommy toni
tony tracey tracy trevor tyler una usman valerie vanessa vicky victor vijay vikram vincent
wayne wendy wiktoria william wojciech yasmin yasmine yusuf yvonne zac zach zachary zainab zak
zara zeynep zoe zofia zuzanna pam bev val maggie carole doreen glenys dilys mavis beryl norma
jeanette lesley les trev baz gaz daz kev mick mickey micky roy alf bert ernie fred sid wilf
kayleigh keith gemma julie brian barry jo mo di ed al bex becca nat tash vic sal
`);

/** Given names that are also everyday words or places: taken only with more evidence. */
export const AMBIGUOUS_NAMES = words(`
will may june april august mark bill rose grace hope faith joy dawn summer amber ruby rob frank
ray sky jade holly ivy lily poppy daisy iris violet autumn eve carol guy rich drew lance chase
miles bob pearl crystal brook heather olive angel penny sandy rusty cliff glen dale heath woody
terry nick pat sue jack mike gene kay jay lee victoria chelsea jordan paris florence georgia india
sydney lincoln devon morgan harper mason taylor bailey carter hunter rowan sage river
luck hazel ash robin jasper basil clay cole dean don duke earl king major marshall
reed rex sonny stone wade warren sunny honey misty star
`);

/** Common surnames of England and Wales, for a rank written in lower case ("pc smith"). */
export const SURNAMES = words(`
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson
wright walker white edwards hughes green hall lewis harris clarke clark patel jackson wood turner
martin cooper hill ward morris moore king watson baker harrison morgan young allen mitchell james
anderson phillips lee bell parker davis kelly shaw carter price bennett griffiths cook richardson
simpson marshall collins bailey khan ahmed ali hussain begum shah singh kaur akhtar iqbal rahman
mahmood butt malik chowdhury okafor adeyemi mensah owusu novak kowalski nowak wisniewski murphy
obrien o'brien o'neill oneill mcdonald macdonald campbell stewart murray reid scott fraser ross
graham kennedy hamilton gray grey russell black pearson holmes lloyd rees owen jenkins powell
morgan howells pritchard hopkins jenkins mason webb rogers stevens fisher palmer hunt barnes
gibson ellis knight lawrence dixon spencer chapman mills atkinson mason barker moss booth
fletcher holland page bird dean burton gordon cox dawson lambert watts foster fox doyle byrne
walsh ryan quinn gill sandhu dhillon sidhu nguyen chen wang zhang li liu yilmaz demir kaya
`);

/**
 * Capitalised words that stand where a name could (after a rank, a title, "I am", at the start
 * of a sentence) and are not names.
 */
export const NOT_NAMES = words(`
i the a an and but or so then thank thanks please sorry also very really still not no yes was is
were are did has had he she they we you it this that who when where what why how dear hi hello
good great many just only all my our your his her their me us them here there british english
welsh scottish irish european asian black white mixed muslim christian jewish hindu sikh buddhist
polish disabled deaf blind happy glad grateful satisfied unhappy disappointed pleased afraid
scared worried now always never police officer officers monday tuesday wednesday thursday friday
saturday sunday january february march july september october november december from at in on of to for with by if as call ring text email contact can could would will
world station team unit department service services support victim victims court crown council
hospital centre center office desk line control room cid custody response traffic neighbourhood
constabulary force headquarters hq nhs cps rspca ambulance fire brigade street road lane avenue
close drive way one two three four five six seven eight nine ten after before during while
although because however overall everyone everything nothing nobody somebody someone anyone
again absolutely totally completely quite rather too being been having doing going getting
pc pcso dc ds di dci sgt insp supt sergeant inspector constable detective superintendent chief
mr mrs ms miss mx dr sir madam lol ok okay xx x not sure commissioner commission panel authority
trust agency partnership association society charity foundation prosecution probation board crime
citizens advice

`);

/** Words after a name that show the name is of a place or a body, not a person ("Northmoor team"). */
export const BODY_WORDS = words(`
team teams station stations police force constabulary council court hospital centre center
office unit department service services support hub desk line road street lane avenue close
drive way park estate school college university church mosque temple surgery clinic shop store
branch house hall
`);

/** Counted things: "5 days on the road" is not an address. */
export const NOT_STREET_WORDS = words(`
the a an on in at of to by for from into onto down up along across over under near past round
around my our your his her their its this that these those and or but was were is are be been
times time minutes minute mins min hours hour hrs hr days day weeks week months month years year
officers officer police people men women kids children cars car vans van calls call visits
visit doors door houses miles mile yards metres meters seconds attempts occasions more less
different other same separate whole long short way weird very too
`);
